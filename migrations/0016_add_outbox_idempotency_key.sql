-- Mail is queued and a batch can be delivered more than once: the outbox provider
-- stores each message once per idempotency key, as Resend sends it once per key.
ALTER TABLE outbox ADD COLUMN idempotency_key TEXT;

CREATE UNIQUE INDEX outbox_idempotency_key ON outbox(idempotency_key);
