import { sessionClient } from "@workers-users/shared";
import { rolesOfUser } from "../db/roles";
import { findUserById } from "../db/users";
import { toSessionUser } from "./snapshot";

/**
 * Rewrites the user's snapshot in every live session, so a change of name,
 * roles or verification shows on their next request without a new login.
 * Sessions store role names; the session Worker computes the permissions they
 * grant on every read, so none are looked up here.
 */
export async function refreshUserSessions(env: Env, userId: string): Promise<void> {
  const row = await findUserById(env.DB, userId);
  if (!row) return;
  const roles = await rolesOfUser(env.DB, userId);
  await sessionClient(env.SESSION).updateUser(toSessionUser(row, { roles, permissions: [] }));
}
