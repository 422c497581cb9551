import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256 } from "@workers-users/shared";
import { indexRows, kvKeys, kvTtlLeft, meta, seedUser, sessions, storedData, storedRecord, open } from "./helpers";

const decode = (token: string) => Uint8Array.from(atob(token.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));

describe("the token", () => {
  it("is 32 random bytes in base64url (43 characters, no padding)", async () => {
    const user = await seedUser();
    const { token } = await open(user, meta);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(decode(token)).toHaveLength(32);
  });

  it("is fresh for every session, and the session id is neither the token nor its hash", async () => {
    const user = await seedUser();
    const created = await Promise.all([1, 2, 3].map(() => open(user, meta)));
    const tokens = created.map((c) => c.token);
    expect(new Set(tokens).size).toBe(3);
    for (const { token, session } of created) {
      expect(session.id).not.toBe(token);
      expect(session.id).not.toBe(await sha256(token));
      expect(token).not.toContain(session.id);
    }
  });

  it("reads back the session it created", async () => {
    const user = await seedUser();
    const { token, session } = await open(user, { userAgent: "Firefox", ip: "192.0.2.7" }, { theme: "dark" });
    const read = await sessions.get(token);
    expect(read).toEqual(session);
    expect(read).toMatchObject({ userId: user.id, user, userAgent: "Firefox" });
    expect(await sessions.getData(token)).toEqual({ theme: "dark" });
    expect(read!.expiresAt).toBe(read!.createdAt + 3600);
    expect(read!.absoluteExpiresAt).toBe(read!.createdAt + 86400);
  });
});

describe("what storage holds", () => {
  it("KV keys the record by the token's SHA-256 and neither key nor value contains the token", async () => {
    const user = await seedUser();
    const { token, session } = await open(user, meta, { note: "hello" });
    const names = (await kvKeys()).map((k) => k.name);
    expect(names).toContain(`session:${await sha256(token)}`);
    for (const name of names) {
      expect(name).not.toContain(token);
      const value = await env.SESSIONS.get(name);
      expect(value).not.toBeNull();
      expect(value).not.toContain(token);
    }
    expect(await storedRecord(token)).toMatchObject({ id: session.id, user: { id: user.id, email: user.email, name: user.name }, ip: "127.0.0.1" });
    expect(await storedData(token)).toEqual({ note: "hello" });
    // The session check's record carries no app data: it never parses or ships it.
    expect(await storedRecord(token)).not.toHaveProperty("data");
  });

  it("D1 holds only the token's hash", async () => {
    const user = await seedUser();
    const { token, session } = await open(user, meta);
    const rows = await indexRows(user.id);
    expect(rows).toEqual([
      expect.objectContaining({ id: session.id, token_hash: await sha256(token), user_agent: "vitest", ip: "127.0.0.1" }),
    ]);
    const { results } = await env.DB.prepare("SELECT * FROM sessions").all();
    expect(JSON.stringify(results)).not.toContain(token);
  });

  it("sets the KV TTL to the idle timeout", async () => {
    const user = await seedUser();
    const { token } = await open(user, meta);
    const ttl = await kvTtlLeft(token);
    expect(ttl).toBeGreaterThan(3600 - 5);
    expect(ttl).toBeLessThanOrEqual(3600 + 1);
  });

  it("caps the stored user agent at 256 characters", async () => {
    const user = await seedUser();
    const { token, session } = await open(user, { userAgent: "A".repeat(5000), ip: null });
    expect(session.userAgent).toBe("A".repeat(256));
    expect((await storedRecord(token))?.userAgent).toHaveLength(256);
    expect((await indexRows(user.id))[0]?.user_agent).toHaveLength(256);
  });
});
