import { app } from "./app";
import { deliverBatch } from "./mail/consumer";
import { runUpkeep } from "./upkeep/run";

// The API's OpenAPI document (openapi/openapi.json, made at build time by `npm run types`) is
// served by the site's gateway at /api/openapi.json, not from here: it would take ~10 KB of
// this Worker's size budget (docs/decisions/0015-openapi-document-served-by-the-gateway.md).

export default {
  fetch: app.fetch,
  // The mail queue's consumer (wrangler.jsonc `queues.consumers`).
  queue: (batch, env) => deliverBatch(batch, env),
  // The hourly upkeep (wrangler.jsonc `triggers.crons`).
  scheduled: async (_controller, env) => void (await runUpkeep(env)),
} satisfies ExportedHandler<Env>;
