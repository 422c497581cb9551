import type { Context } from "hono";
import { nowSeconds } from "@workers-users/shared";
import { writeAudit } from "../db/audit";
import { clientMeta } from "../http/client-meta";
import type { AppEnv } from "../types";

/** Every action the Worker records, by dotted name: the admin pages offer them as a list. */
export const AUDIT_ACTIONS = [
  "auth.login.succeeded",
  "auth.login.failed",
  "password.changed",
  "password.reset",
  "session.revoked",
  "sessions.revoked",
  "role.assigned",
  "role.removed",
  "role.created",
  "role.updated",
  "role.deleted",
  "role.permissions.replaced",
  "user.updated",
  "user.disabled",
  "user.enabled",
  "user.deleted",
  "user.unlocked",
  "user.reset_link_sent",
  "user.verification_sent",
  "account.deleted",
  "email.verified",
  "email.changed",
  "auth.oauth.failed",
  "identity.linked",
  "identity.unlinked",
  "passkey.added",
  "passkey.renamed",
  "passkey.removed",
  "auth.mfa.challenged",
  "auth.mfa.failed",
  "auth.reauthenticated",
  "mfa.totp.enabled",
  "mfa.totp.removed",
  "mfa.recovery_codes.regenerated",
  "mfa.recovery_code.used",
  "user.mfa_reset",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Records an action with the request's actor, IP and user agent. */
export async function audit(
  c: Context<AppEnv>,
  action: AuditAction,
  entry: { target?: string | null; actorId?: string | null; detail?: Record<string, unknown> } = {},
): Promise<void> {
  const meta = clientMeta(c);
  const actorId = entry.actorId !== undefined ? entry.actorId : (c.get("session")?.userId ?? null);
  await writeAudit(
    c.env.DB,
    { actorId, action, target: entry.target ?? null, ip: meta.ip, userAgent: meta.userAgent, detail: entry.detail },
    nowSeconds(),
  );
}
