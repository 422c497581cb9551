import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sha256 } from "@workers-users/shared";
import { fakeClock, grantsOf, indexRows, meta, seedUser, sessions, settled, storedRecord } from "./helpers";

// Test config: idle 3600 s, touch interval 300 s.
afterEach(() => vi.useRealTimers());

describe("getStrict", () => {
  it("returns the session while its D1 row exists", async () => {
    const user = await seedUser();
    const { token, session } = await sessions.create(user, meta);
    expect(await sessions.getStrict(token)).toEqual(session);
  });

  it("refuses a session whose D1 row is gone and deletes the stale KV record", async () => {
    const user = await seedUser();
    const { token } = await sessions.create(user, meta);
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
    const { token } = await sessions.create(user, meta);
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
    const { token, session } = await sessions.create(user, meta);
    // An app that writes its data on every request, every 200 s, for longer than the idle timeout.
    for (let i = 1; i <= 20; i++) {
      clock.advance(200);
      expect(await sessions.setData(token, { step: i }, "merge")).toMatchObject({ type: "ok" });
    }
    expect(await sessions.get(token)).not.toBeNull();
    expect((await sessions.list(user.id)).map((s) => s.id)).toEqual([session.id]);
    await sessions.create(user, meta);
    expect(await sessions.get(token)).not.toBeNull();
  });

  it("setData writes the sliding expiry at most once per touch interval", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const { token, session } = await sessions.create(user, meta);
    clock.advance(299);
    await sessions.setData(token, { a: 1 }, "merge");
    expect((await storedRecord(token))?.lastSeenAt).toBe(session.lastSeenAt);
    const seen = clock.advance(1);
    await sessions.setData(token, { a: 2 }, "merge");
    expect((await storedRecord(token))?.lastSeenAt).toBe(seen);
    expect((await indexRows(user.id))[0]?.last_seen_at).toBe(seen);
  });
});

describe("updateUser", () => {
  it("rewrites the snapshot in every live session of the user, and only theirs", async () => {
    const clock = fakeClock();
    const [user, other] = await Promise.all([seedUser(), seedUser("Bob")]);
    const expired = await sessions.create(user, meta);
    clock.advance(3000);
    const live = [await sessions.create(user, meta, { keep: 1 }), await sessions.create(user, meta)];
    const theirs = await sessions.create(other, meta);
    clock.advance(700);
    const renamed = { ...user, name: "Ada L.", emailVerified: false, roles: ["user"], permissions: await grantsOf("user") };
    expect(await sessions.updateUser(renamed)).toBe(2);
    for (const { token } of live) {
      expect((await storedRecord(token))?.user).toEqual(renamed);
      expect((await sessions.get(token))?.user).toEqual(renamed);
    }
    expect(await sessions.getData(live[0]!.token)).toEqual({ keep: 1 });
    expect((await sessions.get(theirs.token))?.user).toEqual(other);
    expect(await sessions.get(expired.token)).toBeNull();
  });

  it("does not extend the sessions it rewrites", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const { token, session } = await sessions.create(user, meta);
    clock.advance(3500);
    expect(await sessions.updateUser({ ...user, emailVerified: false })).toBe(1);
    expect((await storedRecord(token))?.lastSeenAt).toBe(session.lastSeenAt);
    clock.advance(100);
    expect(await sessions.get(token)).toBeNull();
  });

  it("returns 0 for a user without sessions", async () => {
    expect(await sessions.updateUser({ ...(await seedUser()), name: "Nobody" })).toBe(0);
  });
});
