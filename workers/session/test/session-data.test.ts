import { describe, expect, it } from "vitest";
import { grantOf, meta, open, seedUser, sessions, settled, storedData } from "./helpers";

// Test config: session data at most 1024 bytes serialised.
const LIMIT = 1024;

async function newSession(data?: Record<string, unknown>) {
  const user = await seedUser();
  return (await open(user, meta, data)).token;
}

/** `{"k":"xxx…"}` serialised to exactly `bytes` bytes (the overhead is 8 bytes). */
const ofSize = (bytes: number, char = "x") => ({ k: char.repeat(bytes - 8) });

describe("setData", () => {
  it("replace swaps the whole object", async () => {
    const token = await newSession({ cart: [1, 2], theme: "dark" });
    expect(await sessions.setData(token, { lang: "fr" }, "replace")).toEqual({ type: "ok", data: { lang: "fr" } });
    expect(await sessions.getData(token)).toEqual({ lang: "fr" });
  });

  it("merge follows RFC 7396: null removes, objects merge deeply, the rest replaces", async () => {
    const token = await newSession({ theme: "dark", cart: [1, 2], prefs: { a: 1, b: { c: 2, d: 3 } }, gone: true });
    const result = await sessions.setData(token, { gone: null, cart: [3], prefs: { b: { d: null, e: 4 }, f: 5 }, lang: "fr" }, "merge");
    const expected = { theme: "dark", cart: [3], prefs: { a: 1, b: { c: 2, e: 4 }, f: 5 }, lang: "fr" };
    expect(result).toEqual({ type: "ok", data: expected });
    expect(await sessions.getData(token)).toEqual(expected);
    expect(await storedData(token)).toEqual(expected);
  });

  it("merge replaces a scalar with an object and drops nulls inside new objects", async () => {
    const token = await newSession({ a: "text" });
    const result = await sessions.setData(token, { a: { b: 1, c: null } }, "merge");
    expect(result).toEqual({ type: "ok", data: { a: { b: 1 } } });
  });

  it("keeps a __proto__ key as plain data and pollutes no prototype", async () => {
    const token = await newSession();
    const patch = JSON.parse('{"__proto__": {"polluted": "yes"}, "nested": {"__proto__": {"isAdmin": true}}}');
    for (const mode of ["merge", "replace"] as const) {
      const result = await sessions.setData(token, patch, mode);
      expect(result.type).toBe("ok");
      const data = (await sessions.getData(token))!;
      expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
      expect(Object.keys(data)).toEqual(["__proto__", "nested"]);
      expect(Object.getOwnPropertyDescriptor(data, "__proto__")?.value).toEqual({ polluted: "yes" });
      const nested = data.nested as Record<string, unknown>;
      expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
      expect(nested.isAdmin).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    }
    // Merging into the stored __proto__ key still only touches data.
    await sessions.setData(token, JSON.parse('{"__proto__": {"more": 1}}'), "merge");
    expect(Object.getOwnPropertyDescriptor((await sessions.getData(token))!, "__proto__")?.value).toEqual({ polluted: "yes", more: 1 });
    expect(({} as Record<string, unknown>).more).toBeUndefined();
  });

  it("accepts data of exactly the limit and refuses one byte more, storing nothing", async () => {
    const token = await newSession({ keep: "me" });
    expect(JSON.stringify(ofSize(LIMIT))).toHaveLength(LIMIT);
    expect(await sessions.setData(token, ofSize(LIMIT), "replace")).toMatchObject({ type: "ok" });
    expect(await sessions.setData(token, ofSize(LIMIT + 1), "replace")).toEqual({ type: "too_large", size: LIMIT + 1, limit: LIMIT });
    expect(await sessions.getData(token)).toEqual(ofSize(LIMIT));
  });

  it("bounds the merged result, not the patch", async () => {
    const token = await newSession(ofSize(LIMIT - 100));
    expect(await sessions.setData(token, { more: "y".repeat(100) }, "merge")).toMatchObject({ type: "too_large", limit: LIMIT });
    expect(await sessions.getData(token)).toEqual(ofSize(LIMIT - 100));
  });

  it("counts UTF-8 bytes, not characters", async () => {
    const token = await newSession();
    // "é" is 2 bytes: 508 of them make 1016 + 8 = 1024 bytes.
    expect(await sessions.setData(token, { k: "é".repeat(508) }, "replace")).toMatchObject({ type: "ok" });
    expect(await sessions.setData(token, { k: "é".repeat(509) }, "replace")).toMatchObject({ type: "too_large", size: 1026 });
  });

  it("answers not_found for an unknown token", async () => {
    expect(await sessions.setData("A".repeat(43), { a: 1 }, "merge")).toEqual({ type: "not_found" });
    expect(await sessions.setData("", { a: 1 }, "replace")).toEqual({ type: "not_found" });
  });
});

describe("create with data", () => {
  it("carries data over and refuses data over the limit, creating nothing", async () => {
    const user = await seedUser();
    const { token } = await open(user, meta, ofSize(LIMIT));
    expect(await sessions.getData(token)).toEqual(ofSize(LIMIT));
    // Called directly: an error thrown across the loopback RPC also surfaces as an unhandled rejection in the test pool.
    const grant = await grantOf(user);
    await expect(settled((s) => s.create(grant, meta, ofSize(LIMIT + 1)))).rejects.toThrow(RangeError);
    expect(await sessions.list(user.id)).toHaveLength(1);
  });
});
