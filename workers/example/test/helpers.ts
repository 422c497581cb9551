import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { sessionClient, type SessionUser } from "@workers-users/shared";
import { call } from "../../shared/test/support/worker-requests";

export { call, ORIGIN, problemOf, type CallOptions } from "../../shared/test/support/worker-requests";

/** The session Worker as the example Worker reaches it: RPC through `SessionService`. */
export const sessions = sessionClient((exports as unknown as Record<string, unknown>).SessionService);

/** A role that exists only for one test, granting exactly `permissions`. */
export async function createRole(permissions: string[]): Promise<string> {
  const role = `test-${crypto.randomUUID().slice(0, 8)}`;
  await env.DB.prepare("INSERT INTO roles (name, description, created_at, updated_at) VALUES (?, '', 0, 0)").bind(role).run();
  for (const permission of permissions) {
    await env.DB.prepare("INSERT INTO role_permissions (role, permission) VALUES (?, ?)").bind(role, permission).run();
  }
  return role;
}

/**
 * Inserts a user row holding `roles` in D1 and returns its session snapshot,
 * with the permissions those roles grant read from D1: the same answer whether
 * the session Worker copies the snapshot or computes permissions from roles.
 */
export async function seedUser(roles: string[]): Promise<SessionUser> {
  const id = crypto.randomUUID();
  const email = `${id}@example.test`;
  await env.DB.prepare(
    "INSERT INTO users (id, email, name, password_hash, email_verified_at, password_changed_at, created_at, updated_at) VALUES (?, ?, 'Ada', 'x', 1, 1, 1, 1)",
  )
    .bind(id, email)
    .run();
  for (const role of roles) {
    await env.DB.prepare("INSERT INTO user_roles (user_id, role, created_at) VALUES (?, ?, 0)").bind(id, role).run();
  }
  const marks = roles.map(() => "?").join(", ");
  const { results } = roles.length
    ? await env.DB.prepare(`SELECT DISTINCT permission FROM role_permissions WHERE role IN (${marks})`).bind(...roles).all<{ permission: string }>()
    : { results: [] };
  return { id, email, name: "Ada", emailVerified: true, roles, permissions: results.map((r) => r.permission).sort() };
}

/** Signs the user in through the session Worker; returns the cookie header value. */
export async function signIn(user: SessionUser): Promise<string> {
  const created = await sessions.create({ userId: user.id, epoch: 0 }, { userAgent: "vitest", ip: "127.0.0.1" });
  if (created.type !== "ok") throw new Error(`create answered ${created.type}`);
  return `__Host-session=${created.token}`;
}

/** A signed-in user holding `roles`: their id and cookie. */
export async function member(roles: string[]): Promise<{ user: SessionUser; cookie: string }> {
  const user = await seedUser(roles);
  return { user, cookie: await signIn(user) };
}

export interface NoteBody {
  id: string;
  text: string;
  createdAt: number;
}

export async function notesOf(cookie: string): Promise<NoteBody[]> {
  const res = await call("GET", "/example/notes", { cookie });
  expect(res.status).toBe(200);
  return ((await res.json()) as { notes: NoteBody[] }).notes;
}

export async function addNote(cookie: string, text: string): Promise<NoteBody> {
  const res = await call("POST", "/example/notes", { cookie, body: { text } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { note: NoteBody }).note;
}
