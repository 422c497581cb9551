/** The admin API's shapes, as the pages read them. Times are unix seconds. */

export interface AdminUser {
  id: string;
  email: string;
  name: string | null;
  emailVerified: boolean;
  disabled: boolean;
  roles: string[];
  createdAt: number;
}

export interface AdminSession {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  userAgent: string | null;
  ip: string | null;
}

export interface AdminRole {
  name: string;
  description: string;
  permissions: string[];
  members: number;
}

export interface RolesReply {
  roles: AdminRole[];
  /** Grantable permissions; `*` and `resource:*` for their resources are grantable too. */
  catalogue: string[];
}

export interface AuditEntry {
  id: number;
  at: number;
  actorId: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, unknown>;
}

export function userPath(id: string): string {
  return `/admin/user?id=${encodeURIComponent(id)}`;
}

/** "Disabled", "Not verified" or "Active": what an admin needs to know first. */
export function userState(user: AdminUser): string {
  if (user.disabled) return "Disabled";
  return user.emailVerified ? "Active" : "Not verified";
}
