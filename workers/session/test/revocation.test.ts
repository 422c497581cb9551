import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeClock, indexRows, meta, seedUser, sessions, storedRecord, open } from "./helpers";

// Test config: idle 3600 s, at most 3 sessions per user.
afterEach(() => vi.useRealTimers());

describe("destroy", () => {
  it("removes the session from KV and D1", async () => {
    const user = await seedUser();
    const { token } = await open(user, meta);
    const other = await open(user, meta);
    await sessions.destroy(token);
    expect(await sessions.get(token)).toBeNull();
    expect(await storedRecord(token)).toBeNull();
    expect((await indexRows(user.id)).map((r) => r.id)).toEqual([other.session.id]);
    expect(await sessions.get(other.token)).not.toBeNull();
  });

  it("is a no-op for unknown tokens", async () => {
    await expect(sessions.destroy("A".repeat(43))).resolves.toBeUndefined();
  });
});

describe("list", () => {
  it("shows only this user's live sessions, newest first", async () => {
    const clock = fakeClock();
    const [user, stranger] = await Promise.all([seedUser(), seedUser("Eve")]);
    const old = await open(user, { userAgent: "old", ip: "192.0.2.1" });
    clock.advance(10);
    const mid = await open(user, { userAgent: "mid", ip: null });
    clock.advance(10);
    const { session: newest } = await open(user, { userAgent: null, ip: "192.0.2.3" });
    await open(stranger, meta);
    const list = await sessions.list(user.id);
    expect(list.map((s) => s.id)).toEqual([newest.id, mid.session.id, old.session.id]);
    expect(list[0]).toEqual({
      id: newest.id,
      createdAt: newest.createdAt,
      lastSeenAt: newest.lastSeenAt,
      expiresAt: newest.createdAt + 3600,
      userAgent: null,
      ip: "192.0.2.3",
    });
    expect(JSON.stringify(list)).not.toContain(old.token);
    // The oldest goes idle first.
    clock.advance(3600 - 20);
    expect((await sessions.list(user.id)).map((s) => s.id)).toEqual([newest.id, mid.session.id]);
  });

  it("orders sessions created in the same second by creation", async () => {
    const user = await seedUser();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await open(user, meta)).session.id);
    expect((await sessions.list(user.id)).map((s) => s.id)).toEqual(ids.reverse());
  });

  it("is empty for a user without sessions", async () => {
    expect(await sessions.list(crypto.randomUUID())).toEqual([]);
  });
});

describe("revoke", () => {
  it("ends one session of its owner", async () => {
    const user = await seedUser();
    const [a, b] = [await open(user, meta), await open(user, meta)];
    expect(await sessions.revoke(user.id, a.session.id)).toBe(true);
    expect(await sessions.get(a.token)).toBeNull();
    expect(await storedRecord(a.token)).toBeNull();
    expect(await sessions.get(b.token)).not.toBeNull();
    expect(await sessions.revoke(user.id, a.session.id)).toBe(false);
  });

  it("refuses another user's session and deletes nothing", async () => {
    const [owner, attacker] = await Promise.all([seedUser(), seedUser("Eve")]);
    const victim = await open(owner, meta);
    await open(attacker, meta);
    expect(await sessions.revoke(attacker.id, victim.session.id)).toBe(false);
    expect(await sessions.get(victim.token)).not.toBeNull();
    expect(await indexRows(owner.id)).toHaveLength(1);
    expect(await sessions.revoke(owner.id, "no-such-id")).toBe(false);
  });
});

describe("revokeAll", () => {
  it("ends every session of the user and no one else's", async () => {
    const [user, bystander] = await Promise.all([seedUser(), seedUser("Bob")]);
    const mine = [await open(user, meta), await open(user, meta)];
    const theirs = await open(bystander, meta);
    expect(await sessions.revokeAll(user.id)).toBe(2);
    for (const { token } of mine) {
      expect(await sessions.get(token)).toBeNull();
      expect(await storedRecord(token)).toBeNull();
    }
    expect(await indexRows(user.id)).toEqual([]);
    expect(await sessions.get(theirs.token)).not.toBeNull();
    expect(await sessions.revokeAll(user.id)).toBe(0);
  });

  it("keeps the excepted session", async () => {
    const user = await seedUser();
    const [keep, drop1, drop2] = [await open(user, meta), await open(user, meta), await open(user, meta)];
    expect(await sessions.revokeAll(user.id, keep.session.id)).toBe(2);
    expect(await sessions.get(keep.token)).not.toBeNull();
    expect(await sessions.get(drop1.token)).toBeNull();
    expect(await sessions.get(drop2.token)).toBeNull();
    expect((await sessions.list(user.id)).map((s) => s.id)).toEqual([keep.session.id]);
  });
});

describe("pruning on create", () => {
  it("keeps at most 3 sessions per user and revokes the oldest", async () => {
    const user = await seedUser();
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await open(user, meta));
    const live = created.slice(2);
    expect((await sessions.list(user.id)).map((s) => s.id)).toEqual(live.map((c) => c.session.id).reverse());
    expect(await indexRows(user.id)).toHaveLength(3);
    for (const { token } of created.slice(0, 2)) {
      expect(await sessions.get(token)).toBeNull();
      expect(await storedRecord(token)).toBeNull();
    }
    for (const { token } of live) expect(await sessions.get(token)).not.toBeNull();
  });

  it("drops expired rows of the user before counting", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const stale = await open(user, meta);
    clock.advance(3600);
    await open(user, meta);
    expect((await indexRows(user.id)).map((r) => r.id)).not.toContain(stale.session.id);
    expect(await storedRecord(stale.token)).toBeNull();
  });
});
