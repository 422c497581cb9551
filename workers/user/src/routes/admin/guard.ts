import type { Context } from "hono";
import { hasPermission, HttpProblem, uncoveredGrants, type AdminUserActions } from "@workers-users/shared";
import { permissionsOfUser } from "../../db/roles";
import { currentSession } from "../../middleware/session";
import type { AppEnv } from "../../types";

/*
 * Nobody grants, or acts on someone holding, what they do not hold. The admin's
 * permissions are those of the strict session (read from D1 on this request); the
 * rule itself is `uncoveredGrants` in workers/shared, wildcards included.
 */

const held = (c: Context<AppEnv>) => currentSession(c).user.permissions;

/** Whether the signed-in admin holds every one of `grants`. */
export function holdsAll(c: Context<AppEnv>, grants: readonly string[]): boolean {
  return uncoveredGrants(held(c), grants).length === 0;
}

/** 403 FORBIDDEN unless the signed-in admin holds each of `grants`. */
export function assertHolds(c: Context<AppEnv>, grants: readonly string[], action: string): void {
  const missing = uncoveredGrants(held(c), grants);
  if (missing.length > 0) throw new HttpProblem("FORBIDDEN", { detail: `${action} needs ${missing.join(", ")}, which you do not hold.` });
}

/**
 * 404 NOT_FOUND for an unknown user; 403 FORBIDDEN unless the signed-in admin holds
 * every permission the user holds, and with `self: "refuse"` when the user is the
 * admin (nobody disables or deletes themselves here). Returns the user's permissions.
 */
export async function assertMayActOn(c: Context<AppEnv>, userId: string, options: { self?: "allow" | "refuse" } = {}): Promise<string[]> {
  const theirs = await permissionsOfUser(c.env.DB, userId);
  if (theirs === null) throw new HttpProblem("NOT_FOUND");
  if (options.self === "refuse" && userId === currentSession(c).userId) {
    throw new HttpProblem("FORBIDDEN", { detail: "You cannot do this to your own account." });
  }
  assertHolds(c, theirs, "Acting on this user");
  return theirs;
}

/** What the signed-in admin may do to a user whose permissions are `theirs`, as the server will decide it. */
export function actionsOn(c: Context<AppEnv>, userId: string, theirs: readonly string[]): AdminUserActions {
  const mine = held(c);
  const may = uncoveredGrants(mine, theirs).length === 0;
  const self = userId === currentSession(c).userId;
  const can = (permission: string) => may && hasPermission(mine, permission);
  return {
    rename: can("users:write"),
    disable: can("users:write") && !self,
    delete: can("users:delete") && !self,
    unlock: can("users:write"),
    changeRoles: can("roles:assign"),
    revokeSessions: can("sessions:revoke"),
    sendLinks: can("users:write"),
    resetMfa: can("users:write"),
  };
}
