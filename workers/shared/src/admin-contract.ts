/**
 * What the admin API answers, as the user Worker builds it and the admin pages
 * read it. Times are unix seconds.
 */

/** A user as `GET /api/admin/users` lists them. */
export interface AdminUser {
  id: string;
  email: string;
  name: string | null;
  emailVerified: boolean;
  disabled: boolean;
  roles: string[];
  createdAt: number;
}

/** A role with its grants and how many users hold it. */
export interface AdminRole {
  name: string;
  description: string;
  permissions: string[];
  members: number;
}

/** One audit log entry. `detail` holds small, non-secret facts: never a password, token or link. */
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
