import { describe, expect, inject, it } from "vitest";
import { apiFor } from "./lib/http";
import { newMember, signIn } from "./lib/users";

const base = inject("stacks").main;
const api = apiFor(base);

/** The session cookie's Set-Cookie header split into its value and lower-cased attributes. */
function parseSetCookie(res: Response): { value: string; attributes: Map<string, string> } {
  const header = res.headers.getSetCookie().find((c) => c.startsWith("__Host-session="));
  expect(header, "a __Host-session Set-Cookie header").toBeDefined();
  const [pair, ...rest] = header!.split(";").map((part) => part.trim());
  const attributes = new Map(rest.map((a) => [a.split("=")[0]!.toLowerCase(), a.split("=").slice(1).join("=")] as const));
  return { value: pair!.slice("__Host-session=".length), attributes };
}

describe("the session cookie", () => {
  it("V3.4.1 V3.4.2 V3.4.3 V3.4.4 V3.4.5 is __Host- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/ and has no Domain", async () => {
    const member = await newMember(base);
    const res = await api("POST", "/api/auth/login", { body: { email: member.email, password: member.password } });
    expect(res.status).toBe(200);
    const { value, attributes } = parseSetCookie(res);
    expect(value.length).toBeGreaterThan(0);
    expect(attributes.has("secure")).toBe(true);
    expect(attributes.has("httponly")).toBe(true);
    expect(attributes.get("samesite")?.toLowerCase()).toBe("lax");
    expect(attributes.get("path")).toBe("/");
    expect(attributes.has("domain")).toBe(false);
  });

  it("V3.3.2 lives no longer than the 30-day absolute timeout", async () => {
    const member = await newMember(base);
    const res = await api("POST", "/api/auth/login", { body: { email: member.email, password: member.password } });
    const maxAge = Number(parseSetCookie(res).attributes.get("max-age"));
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(30 * 24 * 3600);
  });

  it("V3.3.1 V3.4.4 is cleared at logout with the same attributes, the only way a __Host- cookie can be removed", async () => {
    const member = await newMember(base);
    const res = await api("POST", "/api/auth/logout", { cookie: member.cookie });
    expect(res.status).toBe(204);
    const { value, attributes } = parseSetCookie(res);
    expect(value).toBe("");
    expect(Number(attributes.get("max-age") ?? "0")).toBe(0);
    expect(attributes.has("secure")).toBe(true);
    expect(attributes.get("path")).toBe("/");
    expect(attributes.has("domain")).toBe(false);
  });

  it("V3.2.3 V3.1.1 is the only place the session token travels: not in the body, not in a URL", async () => {
    const member = await newMember(base);
    const res = await api("POST", "/api/auth/login", { body: { email: member.email, password: member.password } });
    const token = parseSetCookie(res).value;
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).not.toContain(token);
    const session = await api("GET", "/api/auth/session", { cookie: `__Host-session=${token}` });
    expect(await session.text()).not.toContain(token);
    // Besides it only the device cookie (a login-throttle budget, no session state), and
    // nothing a script can read.
    const names = res.headers.getSetCookie().map((c) => c.split("=")[0]);
    expect(names.every((name) => name === "__Host-session" || name === "__Host-device")).toBe(true);
    expect(res.headers.getSetCookie().every((c) => /;\s*httponly/i.test(c))).toBe(true);
  });

  it("V3.4.4 is not accepted under another name: a plain `session` cookie is ignored", async () => {
    const member = await newMember(base);
    const token = member.cookie.split("=")[1]!;
    for (const name of ["session", "__Secure-session", "__host-session"]) {
      expect((await api("GET", "/api/auth/session", { cookie: `${name}=${token}` })).status, name).toBe(401);
    }
    expect((await api("GET", "/api/auth/session", { cookie: (await signIn(base, member.email, member.password)).cookie })).status).toBe(200);
  });
});
