import { beforeAll, describe, expect, inject, it } from "vitest";
import { apiFor, expectProblem, problemOf, send } from "./lib/http";
import { newMember, signInAdmin, strongPassword, uniqueEmail, type SignedIn } from "./lib/users";

const base = inject("stacks").main;
const api = apiFor(base);
const KIB = 1024;

let member: SignedIn;
beforeAll(async () => {
  member = await newMember(base);
});

/** A login body of exactly `bytes` bytes. */
const loginBodyOf = (bytes: number) => {
  const head = '{"email":"a@example.com","password":"';
  return `${head}${"x".repeat(bytes - head.length - 2)}"}`;
};
const nest = (levels: number): unknown => (levels <= 1 ? {} : { a: nest(levels - 1) });
const putData = (body: unknown) => api("PUT", "/api/session/data", { cookie: member.cookie, body });
const dataOf = async (cookie: string) => ((await (await api("GET", "/api/session/data", { cookie })).json()) as { data: Record<string, unknown> }).data;

describe("explicit limits", () => {
  it("V13.2.2 V5.1.4 a body over 64 KiB gets 413 whether its length is declared or streamed; 64 KiB itself is read", async () => {
    await expectProblem(await api("POST", "/api/auth/login", { body: loginBodyOf(64 * KIB + 1) }), 413, "PAYLOAD_TOO_LARGE");
    expect((await api("POST", "/api/auth/login", { body: loginBodyOf(64 * KIB) })).status).toBe(400);
    const headers = { "content-type": "application/json", "transfer-encoding": "chunked", origin: base };
    await expectProblem(await send(base, "POST", "/api/auth/login", headers, loginBodyOf(64 * KIB + 1)), 413, "PAYLOAD_TOO_LARGE");
  });

  it("V5.1.4 V5.5.3 JSON nested deeper than 32 levels gets 400, 32 levels are accepted, 30,000 levels cost nothing", async () => {
    expect((await putData({ data: nest(31) })).status).toBe(200);
    await expectProblem(await putData({ data: nest(32) }), 400, "INVALID_JSON");
    await expectProblem(await putData(`{"data":${"[".repeat(30_000)}${"]".repeat(30_000)}}`), 400, "INVALID_JSON");
    expect((await putData({ data: {} })).status).toBe(200);
  });

  it("V5.1.4 session data over 16 KiB gets 413 and what was stored stays", async () => {
    expect((await putData({ data: { keep: "me" } })).status).toBe(200);
    await expectProblem(await putData({ data: { big: "x".repeat(16 * KIB) } }), 413, "SESSION_DATA_TOO_LARGE");
    await expectProblem(
      await api("PATCH", "/api/session/data", { cookie: member.cookie, body: { data: { big: "x".repeat(16 * KIB) } } }),
      413,
      "SESSION_DATA_TOO_LARGE",
    );
    expect(await dataOf(member.cookie)).toEqual({ keep: "me" });
  });

  it("V5.1.3 every string has a bound: one character past it gets 400 VALIDATION_FAILED", async () => {
    const admin = await signInAdmin(base);
    const cases: Array<[string, string, unknown, string | null]> = [
      ["POST", "/api/auth/login", { email: `${"a".repeat(309)}@example.com`, password: "x" }, null],
      ["POST", "/api/auth/login", { email: "a@example.com", password: "x".repeat(1025) }, null],
      ["POST", "/api/auth/register", { email: uniqueEmail(), password: "x".repeat(129) }, null],
      ["POST", "/api/auth/register", { email: uniqueEmail(), password: "x".repeat(11) }, null],
      ["POST", "/api/auth/verify-email", { token: "x".repeat(257) }, null],
      ["PATCH", "/api/account", { name: "x".repeat(101) }, member.cookie],
      ["POST", "/api/admin/roles", { name: "r".repeat(33) }, admin.cookie],
      ["POST", "/api/admin/roles", { name: "reader", description: "x".repeat(201) }, admin.cookie],
    ];
    for (const [method, path, body, cookie] of cases) {
      await expectProblem(await api(method, path, { body, cookie }), 400, "VALIDATION_FAILED");
    }
  });

  it("V5.1.4 malformed bodies get 400 problem+json, never a 5xx", async () => {
    const bodies = ["{", "[]", "null", "1", '"x"', "true", "{}", '{"email":1,"password":[]}', "\uFEFF{}", '{"email":"a@b.co","password":"p"} trailing', "\u0000"];
    for (const body of bodies) {
      const res = await api("POST", "/api/auth/login", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(["INVALID_JSON", "VALIDATION_FAILED"]).toContain((await problemOf(res)).code);
    }
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
    const res = await send(base, "POST", "/api/auth/login", { "content-type": "application/json", "content-length": "8", origin: base }, bytes);
    expect(res.status).toBe(400);
  });
});

describe("hostile keys and characters", () => {
  it("V5.5.3 __proto__, constructor and prototype keys stay plain data and reach no other object", async () => {
    const hostile = '{"data":{"__proto__":{"polluted":1,"roles":["admin"]},"constructor":{"prototype":{"polluted":1}},"prototype":{"polluted":1}}}';
    const put = await putData(hostile);
    expect(put.status).toBe(200);
    const patch = await api("PATCH", "/api/session/data", { cookie: member.cookie, body: '{"data":{"__proto__":{"isAdmin":true}}}' });
    expect(patch.status).toBe(200);
    const stored = await dataOf(member.cookie);
    for (const key of Object.keys(stored)) expect(["__proto__", "constructor", "prototype"]).toContain(key);
    const fresh = await newMember(base, "fresh");
    expect(await dataOf(fresh.cookie)).toEqual({});
    const { user } = (await (await api("GET", "/api/auth/session", { cookie: member.cookie })).json()) as { user: { roles: string[] } };
    expect(user.roles).toEqual(["user"]);
    expect((await api("GET", "/api/admin/users", { cookie: member.cookie })).status).toBe(403);
    await putData({ data: {} });
  });

  it("V5.5.3 V4.1.2 pollution keys in auth bodies grant nothing and supply no missing field", async () => {
    await expectProblem(
      await api("POST", "/api/auth/login", { body: `{"__proto__":{"email":"${member.email}","password":"${member.password}"}}` }),
      400,
      "VALIDATION_FAILED",
    );
    const email = uniqueEmail("proto");
    const body = `{"email":"${email}","password":"${strongPassword()}","__proto__":{"roles":["admin"],"emailVerified":true}}`;
    expect((await api("POST", "/api/auth/register", { body })).status).toBe(202);
  });

  it("V5.1.4 an address is compared after NFKC and case folding: full-width and upper-case spellings are one account", async () => {
    const wide = [...member.email.toUpperCase()].map((ch) => (/[A-Z0-9]/.test(ch) ? String.fromCodePoint(ch.codePointAt(0)! + 0xfee0) : ch)).join("");
    expect((await api("POST", "/api/auth/login", { body: { email: ` ${wide} `, password: member.password } })).status).toBe(200);
    expect((await api("POST", "/api/auth/register", { body: { email: wide, password: strongPassword() } })).status).toBe(202);
    expect((await api("POST", "/api/auth/login", { body: { email: member.email, password: member.password } })).status).toBe(200);
  });
});
