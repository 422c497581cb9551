-- Mail sent to an address by register and forgot-password, for the per-address
-- budget (at most MAIL_BUDGET_PER_HOUR in any hour). Rows older than the hour
-- are deleted whenever the address is mailed again.
CREATE TABLE mail_sends (
  address TEXT NOT NULL,
  sent_at INTEGER NOT NULL
) STRICT;

CREATE INDEX mail_sends_address ON mail_sends(address, sent_at);
