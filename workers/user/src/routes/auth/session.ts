import * as z from "zod";
import { createRoute } from "../../openapi";
import { currentSession, requireSession } from "../../middleware/session";
import { createRouter } from "../../router";
import { json, problem, User } from "../../schemas";

const route = createRoute({
  method: "get",
  operationId: "getSession",
  path: "/session",
  tags: ["auth"],
  summary: "The signed-in user and the session (the hot path: one KV read)",
  middleware: [requireSession()] as const,
  responses: {
    200: json(
      z.object({ user: User, session: z.object({ id: z.string(), createdAt: z.number().int(), expiresAt: z.number().int() }) }),
      "The current session",
    ),
    401: problem("UNAUTHENTICATED"),
  },
});

export const session = createRouter().openapi(route, (c) => {
  const { user, id, createdAt, expiresAt } = currentSession(c);
  return c.json({ user, session: { id, createdAt, expiresAt } }, 200);
});
