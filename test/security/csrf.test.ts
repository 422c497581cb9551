import { beforeAll, describe, expect, inject, it } from "vitest";
import { apiFor, expectProblem } from "./lib/http";
import { fillPath, label, operations, type Operation } from "./lib/openapi";
import { snapshot } from "./lib/state";
import { newMember, signInAdmin, type SignedIn } from "./lib/users";

const base = inject("stacks").main;
const api = apiFor(base);

let ops: Operation[] = [];
let admin: SignedIn;
let member: SignedIn;
const observed = () => snapshot(base, { admin, member });
/** The admin's cookie where a route needs a permission; the member's elsewhere. */
const cookieFor = (op: Operation) => (op.permission ? admin.cookie : member.cookie);
const pathOf = (op: Operation) => fillPath(op, { id: member.id, sid: "none", role: "user", name: "user" });

beforeAll(async () => {
  ops = await operations(base);
  admin = await signInAdmin(base);
  member = await newMember(base);
});

const CROSS_SITE: Array<Record<string, string>> = [
  { origin: "https://evil.example" },
  { origin: "null" },
  { origin: "http://127.0.0.1.evil.example" },
  { "sec-fetch-site": "cross-site" },
  { "sec-fetch-site": "same-site", origin: "https://sibling.example" },
  { "sec-fetch-site": "cross-site", origin: base },
];

describe("cross-site requests", () => {
  it("V4.2.2 V13.2.3 every state-changing route refuses a foreign, null or cross-site request with 403, session or not, and nothing changes", async () => {
    const before = await observed();
    const writes = ops.filter((op) => op.method !== "GET");
    expect(writes.length).toBeGreaterThan(15);
    for (const op of writes) {
      for (const headers of CROSS_SITE) {
        const res = await api(op.method, pathOf(op), { cookie: cookieFor(op), headers, body: {} });
        expect(res.status, `${label(op)} ${JSON.stringify(headers)}`).toBe(403);
        await expectProblem(res, 403, "CROSS_SITE_REQUEST");
      }
    }
    expect(await observed()).toBe(before);
  });

  it("V13.2.5 V4.2.2 every state-changing route refuses the bodies an HTML form can send (text/plain, form, multipart) with 415", async () => {
    const before = await observed();
    const types = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain; charset=utf-8"];
    for (const op of ops.filter((o) => o.method !== "GET")) {
      for (const type of types) {
        const res = await api(op.method, pathOf(op), { cookie: cookieFor(op), headers: { "content-type": type }, body: '{"data":{}}' });
        expect(res.status, `${label(op)} ${type}`).toBe(415);
        await expectProblem(res, 415, "UNSUPPORTED_MEDIA_TYPE");
      }
    }
    expect(await observed()).toBe(before);
  });

  it("V4.2.2 same-origin requests from the site's pages, and clients that are not browsers, are served", async () => {
    const put = (headers: Record<string, string | null>) =>
      api("PUT", "/api/session/data", { cookie: member.cookie, headers, body: { data: { theme: "dark" } } });
    expect((await put({ origin: base, "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await put({ origin: null })).status).toBe(200);
    expect((await put({ "sec-fetch-site": "none", origin: null })).status).toBe(200);
    await api("PUT", "/api/session/data", { cookie: member.cookie, body: { data: {} } });
  });
});

describe("GET never changes state", () => {
  it("V13.2.1 every GET route of the API document, called with a session, leaves state unchanged", async () => {
    const before = await observed();
    const reads = ops.filter((op) => op.method === "GET");
    expect(reads.length).toBeGreaterThan(8);
    for (const op of reads) {
      const res = await api("GET", pathOf(op), { cookie: cookieFor(op), headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
      expect(res.status, label(op)).toBeLessThan(500);
      await res.arrayBuffer();
    }
    expect(await observed()).toBe(before);
  });

  it("V13.2.1 a GET, HEAD or method-override on a state-changing path does nothing", async () => {
    const before = await observed();
    const readable = new Set(ops.filter((o) => o.method === "GET").map((o) => o.path));
    for (const op of ops.filter((o) => o.method !== "GET" && !readable.has(o.path))) {
      for (const method of ["GET", "HEAD"]) {
        const res = await api(method, pathOf(op), { cookie: cookieFor(op) });
        expect(res.status, `${method} ${label(op)}`).not.toBeLessThan(300);
      }
    }
    for (const override of ["DELETE", "PUT", "PATCH"]) {
      const headers = { "x-http-method-override": override, "x-http-method": override, "x-method-override": override };
      const res = await api("POST", `/api/account?_method=${override}`, { cookie: member.cookie, headers, body: { password: member.password } });
      expect(res.status, override).not.toBeLessThan(300);
    }
    expect(await observed()).toBe(before);
  });
});
