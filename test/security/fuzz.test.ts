import fc from "fast-check";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { bodyFor, hostileSegment } from "./lib/arbitraries";
import { apiFor } from "./lib/http";
import { fillPath, label, operations, type Operation } from "./lib/openapi";
import { snapshot } from "./lib/state";
import { newMember, signInAdmin, type SignedIn } from "./lib/users";

// FUZZ_RUNS generated bodies per JSON route (parameters get a third as many); FUZZ_SEED
// replays a reported run. The default keeps `npm test` short: see docs/security.md for more.
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const PARAM_RUNS = Math.max(1, Math.round(RUNS / 3));
// A run costs a request and a state read (~50 ms on two cores): the time limit grows with the count.
const TIMEOUT = Math.max(60_000, RUNS * 200);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const base = inject("stacks").fuzz;
const api = apiFor(base);
const ops = await operations(base);
const ROLE = "fuzz-role";

let admin: SignedIn;
let member: SignedIn;
let victim: SignedIn;
const observed = () => snapshot(base, { admin, member, everything: true });
const cookieFor = (op: Operation) => (op.permission ? admin.cookie : member.cookie);
const pathOf = (op: Operation) => fillPath(op, { id: victim.id, name: ROLE, role: ROLE, sid: "none" });

/** Answers that record something by design although they refuse: a failed login is counted and audited. */
const bookkeeping = (op: Operation, status: number) => op.path === "/api/auth/login" && (status === 401 || status === 429);

beforeAll(async () => {
  admin = await signInAdmin(base);
  member = await newMember(base);
  victim = await newMember(base, "victim");
  expect((await api("POST", "/api/admin/roles", { cookie: admin.cookie, body: { name: ROLE } })).status).toBe(201);
});

/** No 5xx; every refusal is problem+json with a catalogue code and no internals; returns the status. */
async function expectWellFormed(res: Response, what: string): Promise<number> {
  const text = await res.text();
  expect(res.status, `${what} → ${text.slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get("content-type"), what).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(text) as { status: number; code: string };
    expect(problem.status, what).toBe(res.status);
    expect(problem.code, what).toMatch(/^[A-Z][A-Z_]+$/);
    expect(text, what).not.toMatch(/D1_|SQLITE|TypeError|ReferenceError|\bat \w+ \(|stack/i);
  }
  return res.status;
}

/** Runs `send` for every generated value; a refused request must leave everything as it was. */
async function fuzz<T>(op: Operation, values: fc.Arbitrary<T>, runs: number, send: (value: T) => Promise<Response>): Promise<void> {
  let before = await observed();
  const property = fc.asyncProperty(values, async (value) => {
    const status = await expectWellFormed(await send(value), label(op));
    if (status < 400 || bookkeeping(op, status)) before = await observed();
    else expect(await observed(), `${label(op)} refused with ${status} yet changed state`).toBe(before);
  });
  await fc.assert(property, { numRuns: runs, seed: SEED, endOnFailure: true });
}

describe("property-based fuzzing of every route in the API document", () => {
  const jsonOps = ops.filter((op) => op.body !== null);

  it("V13.2.2 the fuzzer covers every JSON route of the API document", () => {
    expect(jsonOps.length).toBeGreaterThanOrEqual(14);
  });

  it.each(jsonOps.map((op) => [label(op), op] as const))(
    "V5.1.3 V5.1.4 V13.2.2 V5.5.3 %s: generated bodies never get a 5xx, every 4xx is problem+json, and refused input changes nothing",
    async (_, op) => fuzz(op, bodyFor(op.body!), RUNS, (text) => api(op.method, pathOf(op), { cookie: cookieFor(op), body: text })),
    TIMEOUT,
  );

  const paramOps = ops.filter((op) => op.params.length > 0 || op.query.length > 0);
  it.each(paramOps.map((op) => [label(op), op] as const))(
    "V5.1.3 V5.1.1 %s: generated path and query parameters never get a 5xx, and refused ones change nothing",
    async (_, op) => {
      const names = [...op.params, ...op.query];
      const values = fc.tuple(fc.array(hostileSegment, { minLength: names.length, maxLength: names.length }), fc.boolean());
      await fuzz(op, values, PARAM_RUNS, ([segments, repeat]) => {
        const byName = Object.fromEntries(names.map((name, i) => [name, segments[i]!]));
        const query = op.query.map((name) => `${name}=${byName[name]}`);
        // Repeated parameters (HTTP parameter pollution) now and then.
        if (repeat && op.query[0]) query.push(`${op.query[0]}=x`);
        const path = fillPath(op, byName, "x", true) + (query.length ? `?${query.join("&")}` : "");
        return api(op.method, path, { cookie: cookieFor(op) });
      });
    },
    TIMEOUT,
  );
});
