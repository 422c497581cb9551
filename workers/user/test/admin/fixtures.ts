import { env, exports } from "cloudflare:workers";
import { SESSION_COOKIE, type SessionApi } from "@workers-users/shared";
import { insertUser } from "../../src/db/users";
import { grantDefaultRole } from "../../src/users/bootstrap";
import { call, login, uniqueEmail, verifiedUser } from "../helpers";

/** The session Worker's entrypoint, which the test entry exports beside the user Worker. */
const sessionService = () => (exports as unknown as { SessionService: SessionApi }).SessionService;

/**
 * The session cookie of a new session for a user, minted by the session Worker as a sign-in
 * would: for tests about what a session may do, not how it was made (sign-in has its own tests).
 */
export async function mintedSessionCookie(user: { id: string; credential_epoch: number }): Promise<string> {
  const created = await sessionService().create({ userId: user.id, epoch: user.credential_epoch }, { userAgent: null, ip: null });
  if (created.type !== "ok") throw new Error("no session minted");
  return `${SESSION_COOKIE}=${created.token}`;
}

export async function userIdOf(email: string): Promise<string> {
  const row = await env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(email).first<{ id: string }>();
  return row!.id;
}

/**
 * A role holding exactly `permissions`, created straight in D1 (as a migration
 * would), then published to the session Worker's role map.
 */
export async function roleWith(permissions: string[]): Promise<string> {
  const name = `r-${crypto.randomUUID().slice(0, 8)}`;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO roles (name, description, created_at, updated_at) VALUES (?, '', 0, 0)").bind(name),
    ...permissions.map((p) => env.DB.prepare("INSERT INTO role_permissions (role, permission) VALUES (?, ?)").bind(name, p)),
  ]);
  await sessionService().refreshRoles();
  return name;
}

export async function grant(userId: string, role: string): Promise<void> {
  await env.DB.prepare("INSERT INTO user_roles (user_id, role, created_at) VALUES (?, ?, 0)").bind(userId, role).run();
}

/** A verified, signed-in user holding a role with `permissions`. */
export async function signedInWith(permissions: string[], tag = "member"): Promise<{ email: string; id: string; cookie: string }> {
  const email = await verifiedUser(tag);
  const id = await userIdOf(email);
  if (permissions.length > 0) await grant(id, await roleWith(permissions));
  return { email, id, cookie: await login(email) };
}

export async function signedInAdmin(): Promise<{ email: string; id: string; cookie: string }> {
  const email = await verifiedUser("admin");
  const id = await userIdOf(email);
  await grant(id, "admin");
  return { email, id, cookie: await login(email) };
}

export async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export async function permissionsOf(cookie: string): Promise<string[]> {
  const res = await call("GET", "/api/auth/session", { cookie });
  return res.status === 200 ? (await json<{ user: { permissions: string[] } }>(res)).user.permissions : [];
}

let templateHash: Promise<string> | undefined;

/** The password hash of one account registered through the API, shared by the seeded ones (they sign in with PASSWORD). */
function passwordHash(): Promise<string> {
  templateHash ??= verifiedUser("template").then(async (email) => {
    const row = await env.DB.prepare("SELECT password_hash FROM users WHERE email = ?").bind(email).first<{ password_hash: string }>();
    return row!.password_hash;
  });
  return templateHash;
}

/**
 * A verified account with the default role, written straight to D1, and a minted session for
 * it: for tables that need many accounts (sign-up has its own tests).
 */
export async function seededMember(permissions: string[] = [], tag = "seeded"): Promise<{ email: string; id: string; cookie: string }> {
  const email = uniqueEmail(tag);
  const now = Math.floor(Date.now() / 1000);
  const user = (await insertUser(env.DB, { id: crypto.randomUUID(), email, name: null, passwordHash: await passwordHash() }, now))!;
  await env.DB.prepare("UPDATE users SET email_verified_at = ? WHERE id = ?").bind(now, user.id).run();
  await grantDefaultRole(env, user.id);
  if (permissions.length > 0) await grant(user.id, await roleWith(permissions));
  return { email, id: user.id, cookie: await mintedSessionCookie(user) };
}
