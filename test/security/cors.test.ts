import { beforeAll, describe, expect, inject, it } from "vitest";
import { apiFor, send } from "./lib/http";
import { fillPath, label, operations, type Operation } from "./lib/openapi";
import { newMember, type SignedIn } from "./lib/users";

const base = inject("stacks").main;
const api = apiFor(base);
const FOREIGN = ["https://evil.example", "null", base.replace("127.0.0.1", "localhost")];

let ops: Operation[] = [];
let member: SignedIn;

beforeAll(async () => {
  ops = await operations(base);
  member = await newMember(base);
});

function expectNoCors(res: Response, what: string): void {
  const granted = [...res.headers.keys()].filter((name) => name.startsWith("access-control-"));
  expect(granted, what).toEqual([]);
}

describe("CORS", () => {
  it("V14.5.3 no route grants a foreign or null Origin any Access-Control-Allow-* header, with or without a session", async () => {
    for (const op of ops) {
      for (const origin of FOREIGN) {
        const path = fillPath(op, { id: member.id });
        const res = await api(op.method, path, { cookie: member.cookie, headers: { origin }, body: op.body ? {} : undefined });
        expectNoCors(res, `${label(op)} from ${origin}`);
      }
    }
  });

  it("V14.5.3 V14.5.1 a preflight from a foreign or null Origin is granted nothing: no origin, no credentials, no methods", async () => {
    for (const path of new Set(ops.map((op) => fillPath(op, { id: member.id })))) {
      for (const origin of FOREIGN) {
        const res = await api("OPTIONS", path, {
          headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
        });
        expectNoCors(res, `OPTIONS ${path} from ${origin}`);
        expect(res.status, `OPTIONS ${path}`).toBeGreaterThanOrEqual(400);
      }
    }
  });

  // CONNECT is left out: workerd refuses it before any Worker runs (Cloudflare's edge does too).
  it("V14.5.1 methods the API does not use are refused, never served", async () => {
    const paths = [...new Set(ops.map((op) => op.path))];
    for (const path of paths) {
      const used = new Set(ops.filter((op) => op.path === path).map((op) => op.method));
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"].filter((m) => !used.has(m))) {
        const headers: Record<string, string> = { origin: base, cookie: member.cookie };
        const res = await send(base, method, fillPath({ ...ops.find((op) => op.path === path)!, path }, { id: member.id }), headers);
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }
    }
  });
});
