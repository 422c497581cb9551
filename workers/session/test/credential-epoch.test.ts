import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { grantOf, indexRows, kvKeys, open, seedUser, sessions } from "./helpers";

const bumpEpoch = (userId: string) => env.DB.prepare("UPDATE users SET credential_epoch = credential_epoch + 1 WHERE id = ?").bind(userId).run();

describe("create only while the sign-in's credential epoch holds", () => {
  it("answers stale and leaves nothing behind when the epoch moved after it was read", async () => {
    const user = await seedUser();
    const grant = await grantOf(user);
    await bumpEpoch(user.id);
    const keysBefore = (await kvKeys("session:")).length;
    expect(await sessions.create(grant, { userAgent: null, ip: null })).toEqual({ type: "stale" });
    expect(await indexRows(user.id)).toEqual([]);
    expect((await kvKeys("session:")).length).toBe(keysBefore);
  });

  it("answers stale for a disabled user and for no user at all", async () => {
    const user = await seedUser();
    await env.DB.prepare("UPDATE users SET disabled_at = 1 WHERE id = ?").bind(user.id).run();
    expect(await sessions.create(await grantOf(user), { userAgent: null, ip: null })).toEqual({ type: "stale" });
    expect(await sessions.create({ userId: crypto.randomUUID(), epoch: 0 }, { userAgent: null, ip: null })).toEqual({ type: "stale" });
  });

  it("records the epoch in the index, and a strict check refuses a session of an older epoch", async () => {
    const user = await seedUser();
    const { token } = await open(user);
    expect((await indexRows(user.id))[0]).toMatchObject({ epoch: 0 });
    expect(await sessions.getStrict(token)).not.toBeNull();
    // A credential change whose revocation did not reach this session: the epoch still tells.
    await bumpEpoch(user.id);
    expect(await sessions.getStrict(token)).toBeNull();
    const fresh = await open(user);
    expect(await sessions.getStrict(fresh.token)).not.toBeNull();
  });
});

describe("stored client input is bounded", () => {
  it("keeps at most 256 characters of a user agent and 64 of an IP", async () => {
    const user = await seedUser();
    await open(user, { userAgent: "A".repeat(5000), ip: "9".repeat(60_000) });
    const [row] = await indexRows(user.id);
    expect(row?.user_agent).toHaveLength(256);
    expect(row?.ip).toHaveLength(64);
  });
});
