import type { Context } from "hono";
import { nowSeconds } from "@workers-users/shared";
import { getConfig } from "../config";
import { assignRole } from "../db/roles";
import type { UserRow } from "../db/users";
import type { AppEnv } from "../types";
import { audit } from "./audit";

/**
 * The first admin comes from config (`adminEmails`): a listed address gets the
 * admin role once it is verified, which proves the mailbox. There is no other
 * way to become admin without an admin.
 */
export async function grantConfiguredAdmin(c: Context<AppEnv>, user: UserRow): Promise<void> {
  if (user.email_verified_at === null || !getConfig(c.env).adminEmails.includes(user.email)) return;
  if (await assignRole(c.env.DB, user.id, "admin", nowSeconds())) {
    await audit(c, "role.assigned", { actorId: null, target: user.id, detail: { role: "admin", reason: "adminEmails" } });
  }
}

/** New accounts get the configured default role (`user` unless changed). */
export async function grantDefaultRole(env: Env, userId: string): Promise<void> {
  const role = getConfig(env).defaultRole;
  if (role) await assignRole(env.DB, userId, role, nowSeconds());
}
