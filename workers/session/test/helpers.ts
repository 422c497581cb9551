import { env, exports } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { vi } from "vitest";
import { sessionClient, sha256, type ClientMeta, type Session, type SessionData, type SessionGrant, type SessionUser } from "@workers-users/shared";
import { SessionService } from "../src/index";
import type { SessionRecord } from "../src/record";

/** The service as other Workers reach it: RPC through the `SessionService` entrypoint. */
export const sessions = sessionClient(exports.SessionService);

/** Inserts a user row (the session index refers to users), with `roles`, and returns their snapshot. */
export async function seedUser(name = "Ada", roles: string[] = []): Promise<SessionUser> {
  const id = crypto.randomUUID();
  const email = `${id}@example.test`;
  await env.DB.prepare(
    "INSERT INTO users (id, email, name, password_hash, email_verified_at, password_changed_at, created_at, updated_at) VALUES (?, ?, ?, 'x', 1, 1, 1, 1)",
  )
    .bind(id, email, name)
    .run();
  for (const role of roles) await env.DB.prepare("INSERT INTO user_roles (user_id, role, created_at) VALUES (?, ?, 1)").bind(id, role).run();
  const permissions = [...new Set((await Promise.all(roles.map(grantsOf))).flat())].sort();
  return { id, email, name, emailVerified: true, roles: [...roles].sort(), permissions };
}

/** What a sign-in passes for a seeded user: their id and their current credential epoch. */
export async function grantOf(user: { id: string }): Promise<SessionGrant> {
  const row = await env.DB.prepare("SELECT credential_epoch FROM users WHERE id = ?").bind(user.id).first<{ credential_epoch: number }>();
  return { userId: user.id, epoch: row?.credential_epoch ?? -1 };
}

/** Starts a session for a seeded user as a sign-in would; fails the test when it is refused. */
export async function open(user: { id: string }, clientMeta: ClientMeta = meta, data?: SessionData): Promise<{ token: string; session: Session }> {
  const created = await sessions.create(await grantOf(user), clientMeta, data);
  if (created.type !== "ok") throw new Error(`create answered ${created.type}`);
  return created;
}

/** The permissions a role grants in D1, sorted as the service sorts them. */
export async function grantsOf(role: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT permission FROM role_permissions WHERE role = ? ORDER BY permission")
    .bind(role)
    .all<{ permission: string }>();
  return results.map((r) => r.permission);
}

export const meta = { userAgent: "vitest", ip: "127.0.0.1" };

/**
 * Runs one call on a fresh instance and waits for its after-response work
 * (`waitUntil`), so a test can tell "no write happened" from "not yet".
 */
export async function settled<T>(call: (service: SessionService) => Promise<T>): Promise<T> {
  const ctx = createExecutionContext();
  const result = await call(new SessionService(ctx, env));
  await waitOnExecutionContext(ctx);
  return result;
}

/** The record KV holds for a token, read the way the service reads it. */
export async function storedRecord(token: string): Promise<SessionRecord | null> {
  return env.SESSIONS.get<SessionRecord>(`session:${await sha256(token)}`, "json");
}

/** The app data KV holds for a token under its own key; null when there is none. */
export async function storedData(token: string): Promise<unknown> {
  return env.SESSIONS.get(`data:${await sha256(token)}`, "json");
}

/** Every key in KV (sessions under `session:`) with its expiry (unix seconds, on KV's own real clock). */
export async function kvKeys(prefix?: string): Promise<{ name: string; expiration?: number }[]> {
  return (await env.SESSIONS.list({ prefix })).keys;
}

/** The KV TTL left on a token's record, measured against real time (KV's clock is not faked). */
export async function kvTtlLeft(token: string): Promise<number | undefined> {
  const name = `session:${await sha256(token)}`;
  const key = (await kvKeys("session:")).find((k) => k.name === name);
  return key?.expiration === undefined ? undefined : key.expiration - vi.getRealSystemTime() / 1000;
}

export interface IndexRowRaw {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  user_agent: string | null;
  ip: string | null;
  epoch: number;
}

/** The D1 index rows of a user, oldest first. */
export async function indexRows(userId: string): Promise<IndexRowRaw[]> {
  const { results } = await env.DB.prepare("SELECT * FROM sessions WHERE user_id = ? ORDER BY rowid").bind(userId).all<IndexRowRaw>();
  return results;
}

/**
 * A controllable clock for the service (it runs in this isolate, so a mocked
 * `Date` applies to it). Call `vi.useRealTimers()` after each test.
 */
export function fakeClock(start = 1_900_000_000) {
  let now = start;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(now * 1000);
  return {
    now: () => now,
    advance(seconds: number) {
      now += seconds;
      vi.setSystemTime(now * 1000);
      return now;
    },
  };
}

/** Polls `check` until it returns a value other than undefined; bounded. */
export async function eventually<T>(check: () => Promise<T | undefined>, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`condition not met after ${tries} tries`);
}
