import * as z from "zod";
import { createRoute } from "../openapi";
import { createRouter } from "../router";
import { json } from "../schemas";

const route = createRoute({
  method: "get",
  operationId: "getHealth",
  path: "/health",
  tags: ["meta"],
  summary: "Liveness",
  responses: { 200: json(z.object({ status: z.literal("ok") }), "Up") },
});

export const health = createRouter().openapi(route, (c) => c.json({ status: "ok" as const }, 200));
