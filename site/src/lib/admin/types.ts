/** The admin API's shapes (from workers/shared, where the user Worker takes them too), and page helpers. */

import type { AdminRole, AdminUser } from "@workers-users/shared";
import { t } from "../../i18n";

export type { AdminRole, AdminUser, AdminUserActions, AuditEntry } from "@workers-users/shared";
// A session as the admin API lists it is the session Worker's summary.
export type { SessionSummary as AdminSession } from "@workers-users/shared";

export interface RolesReply {
  roles: AdminRole[];
  /** Grantable permissions; `*` and `resource:*` for their resources are grantable too. */
  catalogue: string[];
  /** What each catalogue permission means. */
  descriptions?: Record<string, string>;
}

export function userPath(id: string): string {
  return `/admin/user?id=${encodeURIComponent(id)}`;
}

/** "Disabled", "Not verified" or "Active": what an admin needs to know first. */
export function userState(user: AdminUser): string {
  if (user.disabled) return t("admin.state.disabled");
  return user.emailVerified ? t("admin.state.active") : t("admin.state.unverified");
}
