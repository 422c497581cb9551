import * as z from "zod";
import { createRoute } from "../openapi";
import { HttpProblem } from "@workers-users/shared";
import { getConfig } from "../config";
import { createRouter } from "../router";
import { json, problem } from "../schemas";
import { runUpkeep } from "../upkeep/run";

const route = createRoute({
  method: "post",
  operationId: "runDevUpkeep",
  path: "/upkeep",
  tags: ["dev"],
  summary: "Local environment only: run the scheduled upkeep now (`npm run upkeep`)",
  description: "Answers 404 unless the Worker runs in the local stack (ENVIRONMENT is exactly `local`). Deployed stacks run it from the cron trigger only.",
  responses: {
    200: json(z.object({ deleted: z.record(z.string(), z.number().int()) }), "Rows deleted per rule"),
    404: problem("Not the local environment"),
  },
});

export const devUpkeep = createRouter().openapi(route, async (c) => {
  if (!getConfig(c.env).local) throw new HttpProblem("NOT_FOUND");
  return c.json({ deleted: await runUpkeep(c.env) }, 200);
});
