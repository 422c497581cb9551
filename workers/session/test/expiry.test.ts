import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sha256 } from "@workers-users/shared";
import { eventually, fakeClock, indexRows, kvTtlLeft, meta, seedUser, sessions, settled, storedData, storedRecord, open } from "./helpers";

// Test config: idle 3600 s, absolute 86400 s, touch interval 300 s.
/** Keys of the session records written to KV from now on (the role map is not one). */
function sessionWrites(): () => string[] {
  const put = vi.spyOn(env.SESSIONS, "put");
  return () => put.mock.calls.map(([key]) => key).filter((key) => key.startsWith("session:"));
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("idle expiry", () => {
  it("holds until the last second of the idle timeout, then ends", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const [used, idle] = await Promise.all([open(user, meta), open(user, meta)]);
    clock.advance(3599);
    expect(await settled((s) => s.get(used.token))).not.toBeNull();
    clock.advance(1);
    expect(await sessions.get(idle.token)).toBeNull();
    expect(await sessions.getStrict(idle.token)).toBeNull();
    expect(await sessions.setData(idle.token, { a: 1 }, "merge")).toEqual({ type: "not_found" });
    expect(await sessions.get(used.token)).not.toBeNull();
  });

  it("removes an expired session from KV and D1 when it is seen", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const { token, session } = await open(user, meta);
    clock.advance(3600);
    expect(await settled((s) => s.get(token))).toBeNull();
    expect(await storedRecord(token)).toBeNull();
    expect((await indexRows(user.id)).map((r) => r.id)).not.toContain(session.id);
  });
});

describe("sliding refresh", () => {
  it("does not write within the touch interval", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const { token } = await open(user, meta);
    const writes = sessionWrites();
    clock.advance(299);
    const session = await settled((s) => s.get(token));
    expect(session?.lastSeenAt).toBe(clock.now() - 299);
    expect(writes()).toEqual([]);
    expect((await storedRecord(token))?.lastSeenAt).toBe(clock.now() - 299);
  });

  it("moves lastSeenAt and the idle expiry once the interval has passed", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const { token, session } = await open(user, meta);
    const writes = sessionWrites();
    const seen = clock.advance(300);
    const read = await settled((s) => s.get(token));
    expect(read).toMatchObject({ lastSeenAt: seen, expiresAt: seen + 3600, absoluteExpiresAt: session.absoluteExpiresAt });
    expect(writes()).toEqual([`session:${await sha256(token)}`]);
    expect((await storedRecord(token))?.lastSeenAt).toBe(seen);
    expect((await indexRows(user.id))[0]?.last_seen_at).toBe(seen);
    // Past the original idle expiry, still alive thanks to the refresh.
    clock.advance(3599);
    expect(await sessions.get(token)).not.toBeNull();
  });

  it("reaches KV through RPC too, after the response", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const { token } = await open(user, meta);
    const seen = clock.advance(1000);
    expect((await sessions.get(token))?.lastSeenAt).toBe(seen);
    const stored = await eventually(async () => {
      const record = await storedRecord(token);
      return record?.lastSeenAt === seen ? record : undefined;
    });
    expect(stored.lastSeenAt).toBe(seen);
  });

  it("never touches the app data: data written between the read and the refresh survives", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const { token } = await open(user, meta, { step: 1 });
    const seen = clock.advance(600);
    const kv = env.SESSIONS;
    const read = kv.get.bind(kv) as (key: string, type: "json") => Promise<unknown>;
    let reads = 0;
    // The second read is the refresh's: a setData from another request lands just before it.
    vi.spyOn(kv, "get").mockImplementation((async (key: string, type: "json") => {
      if (++reads === 2) await settled((s) => s.setData(token, { step: 2 }, "merge"));
      return read(key, type);
    }) as never);
    expect(await settled((s) => s.get(token))).not.toBeNull();
    expect(reads).toBeGreaterThanOrEqual(3);
    expect(await storedRecord(token)).toMatchObject({ lastSeenAt: seen });
    expect(await sessions.getData(token)).toEqual({ step: 2 });
  });
});

describe("absolute expiry", () => {
  it("never moves however active the session is; the KV TTL follows it down to KV's 60 s minimum", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const { token, session } = await open(user, meta);
    const end = session.absoluteExpiresAt;
    // A request every 3500 s keeps the session from going idle for the whole day.
    while (clock.now() + 3500 <= end - 1000) {
      clock.advance(3500);
      const read = await settled((s) => s.get(token));
      expect(read?.absoluteExpiresAt).toBe(end);
      expect(read?.expiresAt).toBe(Math.min(clock.now() + 3600, end));
    }
    clock.advance(end - 1000 - clock.now());
    expect((await settled((s) => s.get(token)))?.expiresAt).toBe(end);
    expect(await kvTtlLeft(token)).toBeCloseTo(1000, -1);
    clock.advance(990);
    expect(await sessions.setData(token, { late: true }, "merge")).toMatchObject({ type: "ok" });
    const ttl = await kvTtlLeft(token);
    // KV's 60 s floor, less the real seconds between the write and this read on a busy machine.
    expect(ttl).toBeGreaterThanOrEqual(55);
    expect(ttl).toBeLessThanOrEqual(61);
    clock.advance(10);
    expect(await sessions.get(token)).toBeNull();
    expect(await sessions.list(user.id)).toEqual([]);
  });
});

describe("upkeep sweep", () => {
  // The sweep is account-wide: start from an index without the sessions of the tests above.
  beforeEach(async () => void (await env.DB.prepare("DELETE FROM sessions").run()));

  it("deletes index rows past their idle or absolute expiry with their KV records, never a live one", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const idle = await open(user, meta, { app: 1 });
    clock.advance(3000);
    const live = await open(user, meta);
    clock.advance(600);
    expect(await sessions.sweepExpired(10)).toBe(1);
    expect((await indexRows(user.id)).map((r) => r.id)).toEqual([live.session.id]);
    expect(await storedRecord(idle.token)).toBeNull();
    expect(await storedData(idle.token)).toBeNull();
    expect(await storedRecord(live.token)).not.toBeNull();
    expect(await sessions.sweepExpired(10)).toBe(0);
  });

  it("deletes at most what it is asked, the longest expired first", async () => {
    const clock = fakeClock();
    const user = await seedUser();
    const first = await open(user, meta);
    clock.advance(10);
    await open(user, meta);
    clock.advance(3600);
    expect(await sessions.sweepExpired(1)).toBe(1);
    expect((await indexRows(user.id)).map((r) => r.id)).not.toContain(first.session.id);
    expect(await sessions.sweepExpired(1)).toBe(1);
  });
});
