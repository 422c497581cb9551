import { nowSeconds } from "@workers-users/shared";
import { insertOutboxMessage } from "../db/outbox";
import type { EmailProvider } from "./types";

/** Local provider: mail is stored in D1 and read through the dev mailbox; a retried key is stored once. */
export function outboxProvider(db: D1Database): EmailProvider {
  return {
    async send(message, idempotencyKey) {
      await insertOutboxMessage(db, message, idempotencyKey, nowSeconds());
      return { type: "sent" };
    },
  };
}
