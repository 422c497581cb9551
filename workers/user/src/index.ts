import { app } from "./app";
import { deliverBatch } from "./mail/consumer";
import document from "./openapi/openapi.json";
import { runUpkeep } from "./upkeep/run";

// The API's OpenAPI document, generated from the route definitions at build time
// (npm run types; npm run check fails when it is out of date).
app.get("/api/openapi.json", (c) => c.json(document));

export default {
  fetch: app.fetch,
  // The mail queue's consumer (wrangler.jsonc `queues.consumers`).
  queue: (batch, env) => deliverBatch(batch, env),
  // The hourly upkeep (wrangler.jsonc `triggers.crons`).
  scheduled: async (_controller, env) => void (await runUpkeep(env)),
} satisfies ExportedHandler<Env>;
