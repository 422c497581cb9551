import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { readConfig } from "../src/config";
import { meta, seedUser, sessions, open } from "./helpers";

describe("garbage tokens", () => {
  const garbage: [string, unknown][] = [
    ["empty", ""],
    ["10 KB", "A".repeat(10 * 1024)],
    ["a well-formed unknown token", "A".repeat(43)],
    ["a number", 42],
    ["null", null],
    ["an object", { token: "x" }],
  ];

  it.each(garbage)("%s gives null or not_found without throwing", async (_, token) => {
    const user = await seedUser();
    const { token: real } = await open(user, meta);
    const t = token as string;
    expect(await sessions.get(t)).toBeNull();
    expect(await sessions.getStrict(t)).toBeNull();
    expect(await sessions.setData(t, { a: 1 }, "merge")).toEqual({ type: "not_found" });
    await expect(sessions.destroy(t)).resolves.toBeUndefined();
    expect(await sessions.get(real)).not.toBeNull();
  });
});

describe("the HTTP entry", () => {
  it.each(["GET", "POST", "DELETE"])("answers %s with 404 and no body", async (method) => {
    const response = await exports.default.fetch(new Request("http://session.internal/get", { method }));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("");
  });
});

describe("readConfig", () => {
  it("reads the vars the tests run with", () => {
    expect(readConfig(env)).toEqual({ idleTimeout: 3600, absoluteTimeout: 86400, touchInterval: 300, dataMaxBytes: 1024, maxPerUser: 3, roleMapMaxAge: 10 });
  });

  it("falls back to the documented defaults", () => {
    expect(readConfig({})).toEqual({ idleTimeout: 604800, absoluteTimeout: 2592000, touchInterval: 300, dataMaxBytes: 16384, maxPerUser: 50, roleMapMaxAge: 10 });
  });

  it("refuses a timeout below KV's 60 s minimum TTL", () => {
    expect(() => readConfig({ SESSION_IDLE_TIMEOUT: "59" })).toThrow(/minimum 60/);
    expect(() => readConfig({ SESSION_ABSOLUTE_TIMEOUT: "30" })).toThrow(/minimum 60/);
    expect(() => readConfig({ SESSION_MAX_PER_USER: "0" })).toThrow(/minimum 1/);
  });
});
