import * as z from "zod";
import { createRoute } from "../openapi";
import { HttpProblem } from "@workers-users/shared";
import { getConfig } from "../config";
import { listOutbox } from "../db/outbox";
import { settleDeferred } from "../http/deferred";
import { mailSettled } from "../mail/in-flight";
import { createRouter } from "../router";
import { json, problem } from "../schemas";
import { normalizeEmail } from "../users/email-address";

const OUTBOX_LIMIT = 50;
/** How long the mailbox waits for queued mail to land before it answers with what it has. */
export const OUTBOX_WAIT_MS = 5000;

const route = createRoute({
  method: "get",
  operationId: "listDevOutbox",
  path: "/outbox",
  tags: ["dev"],
  summary: "Local environment only: the mail the outbox provider stored, newest first",
  description: "Answers 404 unless the Worker runs in the local stack (ENVIRONMENT is exactly `local`); a missing or other value is a deployed stack.",
  request: { query: z.object({ to: z.string().max(320).optional() }) },
  responses: {
    200: json(
      z.object({
        messages: z.array(z.object({ to: z.string(), subject: z.string(), text: z.string(), html: z.string(), createdAt: z.number().int() })),
      }),
      "Messages",
    ),
    404: problem("Not the local environment"),
  },
});

export const devOutbox = createRouter().openapi(route, async (c) => {
  if (!getConfig(c.env).local) throw new HttpProblem("NOT_FOUND");
  const { to } = c.req.valid("query");
  // Mail is queued after the answer of register and forgot-password, and sent by the
  // consumer: let both land first (a bounded wait; the consumer runs in this isolate locally).
  await settleDeferred();
  await mailSettled(OUTBOX_WAIT_MS);
  const messages = await listOutbox(c.env.DB, to ? normalizeEmail(to) : null, OUTBOX_LIMIT);
  return c.json({ messages }, 200);
});
