import { describe, expect, it } from "vitest";
import { call, login, PASSWORD, uniqueEmail, verifiedUser } from "../helpers";

const PAYLOADS = [
  '{"__proto__":{"polluted":"yes","roles":["admin"]}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"a":{"__proto__":{"polluted":"yes"}},"b":[{"__proto__":{"polluted":"yes"}}]}',
];

const ownNames = () => [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join());

describe("prototype pollution (workerd: the test shares the Worker's isolate)", () => {
  it("V5.5.3 hostile keys in every kind of body leave the isolate's prototypes untouched", async () => {
    const before = ownNames();
    const cookie = await login(await verifiedUser());
    for (const payload of PAYLOADS) {
      const data = `{"data":${payload}}`;
      await call("PUT", "/api/session/data", { cookie, body: data });
      await call("PATCH", "/api/session/data", { cookie, body: data });
      await call("PATCH", "/api/account", { cookie, body: `{"name":"x",${payload.slice(1)}` });
      await call("POST", "/api/auth/login", { body: `{"email":"${uniqueEmail()}","password":"${PASSWORD}",${payload.slice(1)}` });
      await call("POST", "/api/auth/register", { body: `{"email":"${uniqueEmail()}","password":"${PASSWORD}",${payload.slice(1)}` });
    }
    expect(ownNames()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).roles).toBeUndefined();
    const { data } = (await (await call("GET", "/api/session/data", { cookie })).json()) as { data: Record<string, unknown> };
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });
});
