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
  /** Until when sign-ins from browsers the account does not trust are locked; null when they are not. */
  lockedUntil: number | null;
  /** The last sign-in with the password, as the audit log keeps it (365 days); null when none. */
  lastSignInAt: number | null;
  /** Two-step verification: whether TOTP is on, and the unused recovery codes. */
  /** Second factors: TOTP with its recovery codes left, and how many passkeys. */
  mfa: { totp: boolean; recoveryCodesLeft: number; passkeys: number };
}

/**
 * What the signed-in admin may do to one user, as the server decides it: their own
 * permissions, and holding every permission the user holds (nobody acts on someone
 * more powerful), and never disabling or deleting themselves.
 */
export interface AdminUserActions {
  rename: boolean;
  disable: boolean;
  delete: boolean;
  unlock: boolean;
  changeRoles: boolean;
  revokeSessions: boolean;
  /** Mail the user a password reset link, or (unverified only) a new verification link. */
  sendLinks: boolean;
  /** Reset their two-step verification. */
  resetMfa: boolean;
}

/** A role with its grants and how many users hold it. */
export interface AdminRole {
  name: string;
  description: string;
  permissions: string[];
  members: number;
  /**
   * Whether the signed-in admin holds every permission of the role, which assigning
   * it, changing its permissions and deleting it all need.
   */
  grantable: boolean;
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
