-- Sent email, kept by the `outbox` provider: the local mailbox reads it.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  to_email TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX outbox_to ON outbox(to_email, id);
