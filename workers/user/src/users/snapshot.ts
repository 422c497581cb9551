import type { SessionUser } from "@workers-users/shared";
import type { UserRow } from "../db/users";

/** The user as sessions carry it and as the API shows it. */
export function toSessionUser(row: UserRow, access: { roles: string[]; permissions: string[] } = { roles: [], permissions: [] }): SessionUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    emailVerified: row.email_verified_at !== null,
    roles: access.roles,
    permissions: access.permissions,
  };
}
