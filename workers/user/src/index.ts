import { app } from "./app";
import { deliverBatch } from "./mail/consumer";
import { runUpkeep } from "./upkeep/run";

// The API's OpenAPI document (src/openapi/openapi.json, made by `npm run types`) is a static
// file of the site at /api/openapi.json, not a route of this Worker: see site/src/routes.ts
// and docs/decisions/0015-openapi-document-a-static-file.md.

export default {
  fetch: app.fetch,
  // The mail queue's consumer (wrangler.jsonc `queues.consumers`).
  queue: (batch, env) => deliverBatch(batch, env),
  // The hourly upkeep (wrangler.jsonc `triggers.crons`).
  scheduled: async (_controller, env) => void (await runUpkeep(env)),
} satisfies ExportedHandler<Env>;
