import type { UpkeepLimits } from "../config";
import { MAIL_WINDOW_SECONDS } from "../db/mail-budget";
import { FAILURE_MEMORY_SECONDS } from "../db/throttle";

/**
 * One kind of row that has expired: `expired` selects it (?1 is now), `age` orders it,
 * oldest first, so a run stopped at its bound is continued by the next one.
 */
interface Rule {
  table: string;
  expired: string;
  age: string;
  /** Bound to ?2: how far back "expired" reaches, from the limits. */
  horizon?: (limits: UpkeepLimits) => number;
}

export const RULES = {
  "email-verifications": { table: "email_verifications", expired: "used_at IS NOT NULL OR expires_at <= ?1", age: "coalesce(used_at, expires_at)" },
  "email-changes": { table: "email_changes", expired: "used_at IS NOT NULL OR expires_at <= ?1", age: "coalesce(used_at, expires_at)" },
  "mfa-pending-logins": { table: "mfa_pending_logins", expired: "expires_at <= ?1", age: "expires_at" },
  "password-resets": { table: "password_resets", expired: "used_at IS NOT NULL OR expires_at <= ?1", age: "coalesce(used_at, expires_at)" },
  // A row past the failure memory with no lock running counts for nothing (addFailure starts over).
  "login-throttle": { table: "login_throttle", expired: "locked_until <= ?1 AND updated_at < ?1 - ?2", age: "updated_at", horizon: () => FAILURE_MEMORY_SECONDS },
  // A ceremony's challenge is deleted when answered; those never answered go once expired.
  "passkey-challenges": { table: "passkey_challenges", expired: "expires_at <= ?1", age: "expires_at" },
  "trusted-devices": { table: "trusted_devices", expired: "expires_at <= ?1", age: "expires_at" },
  "mail-sends": { table: "mail_sends", expired: "sent_at <= ?1 - ?2", age: "sent_at", horizon: () => MAIL_WINDOW_SECONDS },
  // Their tokens, roles and devices go with them (ON DELETE CASCADE); a new registration moves updated_at.
  "unverified-accounts": {
    table: "users",
    expired: "email_verified_at IS NULL AND updated_at <= ?1 - ?2",
    age: "updated_at",
    horizon: (l) => l.unverifiedAccountSeconds,
  },
  "audit-log": { table: "audit_log", expired: "at <= ?1 - ?2", age: "at", horizon: (l) => l.auditRetentionSeconds },
  "audit-unknown-logins": {
    table: "audit_log",
    expired: "action = 'auth.login.failed' AND target IS NULL AND at <= ?1 - ?2",
    age: "at",
    horizon: (l) => l.auditUnknownLoginSeconds,
  },
  outbox: { table: "outbox", expired: "created_at <= ?1 - ?2", age: "id", horizon: (l) => l.outboxRetentionSeconds },
} satisfies Record<string, Rule>;

export type RuleName = keyof typeof RULES;

/** Deletes at most `limits.rowsPerRule` rows the rule finds expired at `now`; returns how many. */
export async function applyRule(db: D1Database, name: RuleName, limits: UpkeepLimits, now: number): Promise<number> {
  const rule: Rule = RULES[name];
  // One statement with a bound: D1 runs it within its limits however large the table has grown.
  const result = await db
    .prepare(
      `DELETE FROM ${rule.table} WHERE rowid IN (
         SELECT rowid FROM ${rule.table} WHERE ${rule.expired} ORDER BY ${rule.age} LIMIT ?3)`,
    )
    .bind(now, rule.horizon?.(limits) ?? 0, limits.rowsPerRule)
    .run();
  return result.meta.changes ?? 0;
}
