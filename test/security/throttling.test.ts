import { randomInt } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { apiFor, expectProblem, type Api } from "./lib/http";
import { linkToken, newMember, signInAdmin, strongPassword, uniqueEmail } from "./lib/users";

const stacks = inject("stacks");
const main = apiFor(stacks.main);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Posts a login and returns status, problem body and Retry-After. */
async function login(api: Api, email: string, password: string, headers: Record<string, string> = {}) {
  const res = await api("POST", "/api/auth/login", { body: { email, password }, headers });
  const body = (await res.json()) as { code?: string; detail?: string };
  return { status: res.status, code: body.code, detail: body.detail, retryAfter: res.headers.get("retry-after") };
}

describe("per-account throttling (main stack: defaults)", () => {
  it("V2.2.1 after four failures every attempt waits, even with the right password; unknown addresses and spelling variants alike", async () => {
    const member = await newMember(stacks.main);
    const unknown = uniqueEmail("nobody");
    const spell = (email: string, i: number) => (i % 2 ? `  ${email.toUpperCase()} ` : email);
    const known: Array<Awaited<ReturnType<typeof login>>> = [];
    const missing: typeof known = [];
    for (let i = 0; i < 5; i++) {
      known.push(await login(main, spell(member.email, i), strongPassword()));
      missing.push(await login(main, spell(unknown, i), strongPassword()));
    }
    known.push(await login(main, member.email, member.password));
    missing.push(await login(main, unknown, strongPassword()));
    const shape = (r: (typeof known)[number]) => `${r.status} ${r.code}`;
    expect(known.map(shape)).toEqual([...Array(5).fill("401 INVALID_CREDENTIALS"), "429 RATE_LIMITED"]);
    expect(missing.map(shape)).toEqual(known.map(shape));
    for (const r of [known[5]!, missing[5]!]) expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    for (const r of [known[5]!, missing[5]!]) expect(Number(r.retryAfter)).toBeLessThanOrEqual(2);
  });

  it("V2.2.1 a success after the wait resets the count", async () => {
    const member = await newMember(stacks.main);
    for (let i = 0; i < 5; i++) await login(main, member.email, strongPassword());
    const waiting = await login(main, member.email, member.password);
    expect(waiting.status).toBe(429);
    await sleep(Number(waiting.retryAfter) * 1000 + 100);
    expect((await login(main, member.email, member.password)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(main, member.email, strongPassword())).status).toBe(401);
  });

  it("V2.2.1 V2.5.6 forgot-password always answers 202, known or not; mail is budgeted silently (3 an hour)", async () => {
    const member = await newMember(stacks.main);
    for (const email of [member.email, uniqueEmail("nobody")]) {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await main("POST", "/api/auth/forgot-password", { body: { email } })).status);
      expect(statuses, email).toEqual(Array(6).fill(202));
    }
    // Registration took one message of the member's budget, forgot-password the other two.
    const { messages } = (await (await main("GET", `/api/dev/outbox?to=${encodeURIComponent(member.email)}`)).json()) as { messages: unknown[] };
    expect(messages).toHaveLength(3);
  });
});

describe("account lock (strict stack: lock after 3 failures)", () => {
  // Each test speaks from its own address: the per-IP limit is on here.
  const strict = (ip: string): Api => (method, path, options = {}) =>
    apiFor(stacks.strict)(method, path, { ...options, headers: { "cf-connecting-ip": ip, ...options.headers } });
  const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

  it("V2.2.1 the lock refuses even the right password with 429 and a long Retry-After, unknown addresses alike", async () => {
    const api = strict(freshIp());
    const member = await newMember(stacks.strict);
    const unknown = uniqueEmail("nobody");
    for (let i = 0; i < 3; i++) {
      expect((await login(api, member.email, strongPassword())).status).toBe(401);
      expect((await login(api, unknown, strongPassword())).status).toBe(401);
    }
    const locked = await login(api, member.email, member.password);
    const lockedUnknown = await login(api, unknown, strongPassword());
    for (const r of [locked, lockedUnknown]) {
      expect(r.status).toBe(429);
      expect(r.code).toBe("RATE_LIMITED");
      expect(Number(r.retryAfter)).toBeGreaterThan(800);
      expect(Number(r.retryAfter)).toBeLessThanOrEqual(900);
    }
  });

  it("V2.2.1 failures from elsewhere never lock out a browser that signed in before (device cookie)", async () => {
    const member = await newMember(stacks.strict);
    const attacker = strict(freshIp());
    for (let i = 0; i < 3; i++) expect((await login(attacker, member.email, strongPassword())).status).toBe(401);
    expect((await login(attacker, member.email, member.password)).status).toBe(429);
    const owner = strict(freshIp());
    const res = await owner("POST", "/api/auth/login", { body: { email: member.email, password: member.password }, cookie: member.device });
    expect(res.status).toBe(200);
    // The owner's own failures count against their browser only.
    for (let i = 0; i < 3; i++) await owner("POST", "/api/auth/login", { body: { email: member.email, password: strongPassword() }, cookie: member.device });
    expect((await owner("POST", "/api/auth/login", { body: { email: member.email, password: member.password }, cookie: member.device })).status).toBe(429);
  });

  it("V2.2.1 an admin unlocks an account at once", async () => {
    const member = await newMember(stacks.strict);
    const api = strict(freshIp());
    for (let i = 0; i < 3; i++) await login(api, member.email, strongPassword());
    expect((await login(api, member.email, member.password)).status).toBe(429);
    const admin = await signInAdmin(stacks.strict);
    expect((await api("POST", `/api/admin/users/${member.id}/unlock`, { cookie: admin.cookie })).status).toBe(200);
    expect((await login(api, member.email, member.password)).status).toBe(200);
  });

  it("V2.2.1 the owner gets back in through a password reset, whatever the lock", async () => {
    const api = strict(freshIp());
    const member = await newMember(stacks.strict);
    for (let i = 0; i < 3; i++) await login(api, member.email, strongPassword());
    expect((await login(api, member.email, member.password)).status).toBe(429);
    expect((await api("POST", "/api/auth/forgot-password", { body: { email: member.email } })).status).toBe(202);
    const token = await linkToken(stacks.strict, member.email, "reset");
    const password = strongPassword();
    expect((await api("POST", "/api/auth/reset-password", { body: { token, password } })).status).toBe(204);
    expect((await login(api, member.email, password)).status).toBe(200);
  });

  const groups: Array<[string, string, unknown]> = [
    ["login", "/api/auth/login", { email: "x", password: "x" }],
    ["register", "/api/auth/register", { email: "x", password: "x" }],
    ["forgot", "/api/auth/forgot-password", { email: "x" }],
    ["verify", "/api/auth/verify-email", { token: "x" }],
    ["reset", "/api/auth/reset-password", { token: "x", password: "x" }],
    ["change-password", "/api/auth/change-password", { currentPassword: "x", newPassword: "x" }],
  ];

  it.each(groups)("V2.2.1 V11.1.4 per address: 30 %s requests a minute, then 429 with Retry-After", async (_, path, body) => {
    // The local limiter counts in fixed one-minute windows: a burst that straddles a
    // window's end starts over in the next one.
    for (let attempt = 0; attempt < 2; attempt++) {
      const ip = freshIp();
      const window = Math.floor(Date.now() / 60_000);
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await strict(ip)("POST", path, { body })).status);
      if (Math.floor(Date.now() / 60_000) !== window) continue;
      expect(statuses.slice(0, 30)).not.toContain(429);
      const limited = await strict(ip)("POST", path, { body });
      expect(limited.headers.get("retry-after")).toBe("60");
      await expectProblem(limited, 429, "RATE_LIMITED");
      expect((await strict(freshIp())("POST", path, { body })).status, "another address").not.toBe(429);
      expect((await strict(ip)("GET", "/api/health")).status, "other routes").toBe(200);
      return;
    }
    throw new Error("two bursts in a row straddled a minute boundary");
  });
});

describe("re-authentication is throttled like login", () => {
  const guesses = async (send: (password: string) => Promise<Response>) => {
    const statuses: number[] = [];
    for (let i = 0; i < 11 && !statuses.includes(429); i++) statuses.push((await send(strongPassword())).status);
    return statuses;
  };

  it("V2.2.1 wrong current passwords on change-password run into the same waits as logins", async () => {
    const member = await newMember(stacks.main);
    const statuses = await guesses((currentPassword) =>
      main("POST", "/api/auth/change-password", { cookie: member.cookie, body: { currentPassword, newPassword: strongPassword() } }),
    );
    expect(statuses).toContain(429);
  });

  it("V2.2.1 wrong passwords on account deletion run into the same waits as logins", async () => {
    const member = await newMember(stacks.main);
    const statuses = await guesses((password) => main("DELETE", "/api/account", { cookie: member.cookie, body: { password } }));
    expect(statuses).toContain(429);
  });
});
