import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sha256 } from "@workers-users/shared";
import { fakeClock, grantsOf, indexRows, meta, open, seedUser, sessions, settled, storedRecord } from "./helpers";

// Test config: idle 3600 s, touch interval 300 s.
afterEach(() => vi.useRealTimers());

describe("getStrict", () => {
  it("returns the session while its D1 row exists", async () => {
    const user = await seedUser();
    const { token, session } = await open(user, meta);
    expect(await sessions.getStrict(token)).toEqual(session);
  });

  it("refuses a session whose D1 row is gone and deletes the stale KV record", async () => {
    const user = await seedUser();
    const { token } = await open(user, meta);
    // What another location sees after a revocation, until its KV catches up.
    await env.DB.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(await sha256(token)).run();
    expect(await storedRecord(token)).not.toBeNull();
    expect(await sessions.get(token)).not.toBeNull();
    expect(await sessions.getStrict(token)).toBeNull();
    expect(await storedRecord(token)).toBeNull();
    expect(await sessions.get(token)).toBeNull();
  });

  it("slides the idle expiry like get", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const { token } = await open(user, meta);
    for (let i = 0; i < 3; i++) {
      const seen = clock.advance(3000);
      expect((await settled((s) => s.getStrict(token)))?.lastSeenAt).toBe(seen);
    }
    expect((await indexRows(user.id))[0]?.last_seen_at).toBe(clock.now());
  });
});

describe("the D1 index follows KV's last-seen time", () => {
  it("keeps a session refreshed only by setData listed and safe from pruning", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const { token, session } = await open(user, meta);
    // An app that writes its data on every request, every 200 s, for longer than the idle timeout.
    for (let i = 1; i <= 20; i++) {
      clock.advance(200);
      expect(await sessions.setData(token, { step: i }, "merge")).toMatchObject({ type: "ok" });
    }
    expect(await sessions.get(token)).not.toBeNull();
    expect((await sessions.list(user.id)).map((s) => s.id)).toEqual([session.id]);
    await open(user, meta);
    expect(await sessions.get(token)).not.toBeNull();
  });

  it("setData writes the sliding expiry at most once per touch interval", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const { token, session } = await open(user, meta);
    clock.advance(299);
    await sessions.setData(token, { a: 1 }, "merge");
    expect((await storedRecord(token))?.lastSeenAt).toBe(session.lastSeenAt);
    const seen = clock.advance(1);
    await sessions.setData(token, { a: 2 }, "merge");
    expect((await storedRecord(token))?.lastSeenAt).toBe(seen);
    expect((await indexRows(user.id))[0]?.last_seen_at).toBe(seen);
  });
});

describe("refreshUser", () => {
  it("rewrites every live session of the user from D1, and only theirs", async () => {
    const clock = fakeClock();
    const [user, other] = await Promise.all([seedUser(), seedUser("Bob")]);
    const expired = await open(user);
    clock.advance(3000);
    const live = [await open(user, meta, { keep: 1 }), await open(user)];
    const theirs = await open(other);
    clock.advance(700);
    await env.DB.prepare("UPDATE users SET name = 'Ada L.', email_verified_at = NULL WHERE id = ?").bind(user.id).run();
    await env.DB.prepare("INSERT INTO user_roles (user_id, role, created_at) VALUES (?, 'user', 1)").bind(user.id).run();
    expect(await sessions.refreshUser(user.id)).toBe(2);
    const renamed = { ...user, name: "Ada L.", emailVerified: false, roles: ["user"], permissions: await grantsOf("user") };
    for (const { token } of live) {
      expect((await storedRecord(token))?.user).toEqual({ id: user.id, email: user.email, name: "Ada L.", emailVerified: false });
      expect((await sessions.get(token))?.user).toEqual(renamed);
    }
    expect(await sessions.getData(live[0]!.token)).toEqual({ keep: 1 });
    expect((await sessions.get(theirs.token))?.user).toEqual(other);
    expect(await sessions.get(expired.token)).toBeNull();
  });

  it("does not extend the sessions it rewrites", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const { token, session } = await open(user);
    clock.advance(3500);
    expect(await sessions.refreshUser(user.id)).toBe(1);
    expect((await storedRecord(token))?.lastSeenAt).toBe(session.lastSeenAt);
    clock.advance(100);
    expect(await sessions.get(token)).toBeNull();
  });

  it("returns 0 for a user without sessions, and for no user at all", async () => {
    expect(await sessions.refreshUser((await seedUser()).id)).toBe(0);
    expect(await sessions.refreshUser(crypto.randomUUID())).toBe(0);
  });
});

describe("authenticatedAt", () => {
  it("is the creation time, moves to now on reauthenticate in KV and D1, and a revoked session cannot be refreshed", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const { token, session } = await open(user, meta);
    expect(session.authenticatedAt).toBe(clock.now());
    const later = clock.advance(900);
    expect((await sessions.reauthenticate(token))?.authenticatedAt).toBe(later);
    expect((await storedRecord(token))?.authenticatedAt).toBe(later);
    expect((await env.DB.prepare("SELECT authenticated_at AS at FROM sessions WHERE token_hash = ?").bind(await sha256(token)).first<{ at: number }>())?.at).toBe(later);
    // getStrict answers D1's value, whatever KV says.
    await env.DB.prepare("UPDATE sessions SET authenticated_at = 1 WHERE token_hash = ?").bind(await sha256(token)).run();
    expect((await sessions.getStrict(token))?.authenticatedAt).toBe(1);
    await env.DB.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(await sha256(token)).run();
    expect(await sessions.reauthenticate(token)).toBeNull();
    expect(await sessions.reauthenticate("not-a-token")).toBeNull();
  });
});
