import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SESSION_SWEEP_MAX as SWEEP_MAX } from "@workers-users/shared";
import { runUpkeep } from "../src/upkeep/run";
import { call, latestToken, PASSWORD, register, uniqueEmail } from "./helpers";
import type { RuleName } from "../src/upkeep/rules";

// A fake clock: every rule is driven to the second around its limit. Defaults: unverified
// accounts 7 days, audit 365 days (unknown-address login failures 30), outbox 7 days,
// throttle memory 24 h, mail budget 1 h; sessions idle 7 days.
const NOW = 2_000_000_000;
const DAY = 86400;
const db = env.DB;
const TABLES = ["sessions", "mfa_pending_logins", "email_verifications", "email_changes", "password_resets", "login_throttle", "passkey_challenges", "trusted_devices", "mail_sends", "audit_log", "outbox", "user_roles", "users"];

const run = (sql: string, ...values: unknown[]) => db.prepare(sql).bind(...values).run();
const column = async (sql: string) => (await db.prepare(sql).all<{ v: string }>()).results.map((r) => String(r.v)).sort();

async function user(id: string, { verified = true, updatedAt = NOW } = {}) {
  await run(
    "INSERT INTO users (id, email, password_hash, email_verified_at, password_changed_at, created_at, updated_at) VALUES (?, ?, 'x', ?, 0, 0, ?)",
    id, `${id}@example.com`, verified ? 1 : null, updatedAt,
  );
}

async function token(table: string, hash: string, { expiresAt, usedAt = null }: { expiresAt: number; usedAt?: number | null }) {
  await run(`INSERT INTO ${table} (token_hash, user_id, expires_at, used_at, created_at) VALUES (?, 'owner', ?, ?, 0)`, hash, expiresAt, usedAt);
}

async function session(id: string, { expiresAt = NOW + DAY, lastSeenAt = NOW } = {}) {
  await run(
    "INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at) VALUES (?, 'owner', ?, 0, ?, ?)",
    id, `hash-${id}`, lastSeenAt, expiresAt,
  );
  await env.SESSIONS.put(`session:hash-${id}`, "{}");
}

const zeros = () => Object.fromEntries(CASES.map(([rule]) => [rule, 0]));

const audit = (target: string | null, at: number, action = "auth.login.failed") =>
  run("INSERT INTO audit_log (at, action, target) VALUES (?, ?, ?)", at, action, target);

/**
 * For each rule: how to seed rows just past its limit and just inside it, how to list what
 * is left, what must be left, and the rows D1 reports deleted (cascades included: an
 * unverified account goes with its link and its role).
 */
const CASES: [RuleName | "sessions", () => Promise<void>, string, string[], number][] = [
  ["email-verifications", async () => {
    await token("email_verifications", "used", { expiresAt: NOW + 100, usedAt: NOW - 10 });
    await token("email_verifications", "expired", { expiresAt: NOW });
    await token("email_verifications", "live", { expiresAt: NOW + 1 });
  }, "SELECT token_hash AS v FROM email_verifications", ["live"], 2],
  ["email-changes", async () => {
    const change = (hash: string, expiresAt: number, usedAt: number | null = null) =>
      run("INSERT INTO email_changes (token_hash, user_id, new_email, expires_at, used_at, created_at) VALUES (?, 'owner', 'new@example.com', ?, ?, 0)", hash, expiresAt, usedAt);
    await change("used", NOW + 100, NOW - 10);
    await change("expired", NOW);
    await change("live", NOW + 1);
  }, "SELECT token_hash AS v FROM email_changes", ["live"], 2],
  ["mfa-pending-logins", async () => {
    const pending = (hash: string, expiresAt: number) =>
      run("INSERT INTO mfa_pending_logins (token_hash, user_id, epoch, via, created_at, expires_at) VALUES (?, 'owner', 0, 'password', 0, ?)", hash, expiresAt);
    await pending("expired", NOW);
    await pending("live", NOW + 1);
  }, "SELECT token_hash AS v FROM mfa_pending_logins", ["live"], 1],
  ["password-resets", async () => {
    await token("password_resets", "used", { expiresAt: NOW + 100, usedAt: NOW - 10 });
    await token("password_resets", "expired", { expiresAt: NOW });
    await token("password_resets", "live", { expiresAt: NOW + 1 });
  }, "SELECT token_hash AS v FROM password_resets", ["live"], 2],
  ["login-throttle", async () => {
    await run("INSERT INTO login_throttle (key, failures, locked_until, updated_at) VALUES ('login:old', 3, 0, ?)", NOW - DAY - 1);
    await run("INSERT INTO login_throttle (key, failures, locked_until, updated_at) VALUES ('login:locked', 10, ?, ?)", NOW + 1, NOW - DAY - 1);
    await run("INSERT INTO login_throttle (key, failures, locked_until, updated_at) VALUES ('device:recent', 3, 0, ?)", NOW - DAY);
  }, "SELECT key AS v FROM login_throttle", ["device:recent", "login:locked"], 1],
  ["passkey-challenges", async () => {
    const challenge = (hash: string, expiresAt: number) =>
      run("INSERT INTO passkey_challenges (challenge_hash, browser_hash, purpose, user_id, expires_at, created_at) VALUES (?, 'b', 'assert', NULL, ?, 0)", hash, expiresAt);
    await challenge("expired", NOW);
    await challenge("live", NOW + 1);
  }, "SELECT challenge_hash AS v FROM passkey_challenges", ["live"], 1],
  ["trusted-devices", async () => {
    await run("INSERT INTO trusted_devices VALUES ('expired', 'owner', 0, 0, ?), ('live', 'owner', 0, 0, ?)", NOW, NOW + 1);
  }, "SELECT token_hash AS v FROM trusted_devices", ["live"], 1],
  ["mail-sends", async () => {
    await run("INSERT INTO mail_sends VALUES ('old@example.com', ?), ('recent@example.com', ?)", NOW - 3600, NOW - 3599);
  }, "SELECT address AS v FROM mail_sends", ["recent@example.com"], 1],
  ["unverified-accounts", async () => {
    await user("stale", { verified: false, updatedAt: NOW - 7 * DAY });
    await run("INSERT INTO email_verifications (token_hash, user_id, expires_at, created_at) VALUES ('stale-link', 'stale', ?, 0)", NOW + DAY);
    await run("INSERT INTO user_roles (user_id, role, created_at) VALUES ('stale', 'user', 0)");
    await user("pending", { verified: false, updatedAt: NOW - 7 * DAY + 1 });
    await user("verified-long-ago", { updatedAt: 0 });
  }, "SELECT id AS v FROM users UNION ALL SELECT token_hash FROM email_verifications UNION ALL SELECT user_id FROM user_roles", ["owner", "pending", "verified-long-ago"], 3],
  ["audit-log", async () => {
    await audit("owner", NOW - 365 * DAY, "role.assigned");
    await audit("owner", NOW - 365 * DAY + 1, "role.removed");
  }, "SELECT action AS v FROM audit_log", ["role.removed"], 1],
  ["audit-unknown-logins", async () => {
    await audit(null, NOW - 30 * DAY);
    await audit(null, NOW - 30 * DAY + 1, "auth.login.failed.recent");
    await audit("owner", NOW - 30 * DAY, "auth.login.failed.known");
  }, "SELECT action AS v FROM audit_log", ["auth.login.failed.known", "auth.login.failed.recent"], 1],
  ["outbox", async () => {
    await run("INSERT INTO outbox (to_email, subject, text_body, html_body, created_at) VALUES ('old', 's', 't', 'h', ?), ('new', 's', 't', 'h', ?)", NOW - 7 * DAY, NOW - 7 * DAY + 1);
  }, "SELECT to_email AS v FROM outbox", ["new"], 1],
  ["sessions", async () => {
    await session("absolute", { expiresAt: NOW });
    await session("idle", { lastSeenAt: NOW - 7 * DAY });
    await session("live", { expiresAt: NOW + 1, lastSeenAt: NOW - 7 * DAY + 1 });
  }, "SELECT id AS v FROM sessions", ["live"], 2],
];

/** Empty tables but the one account the seeds refer to, at NOW on a fake clock. */
async function reset() {
  await db.batch(TABLES.map((t) => db.prepare(`DELETE FROM ${t}`)));
  await user("owner");
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW * 1000);
}

beforeEach(reset);

afterEach(() => vi.useRealTimers());

describe("upkeep", () => {
  it.each(CASES)("%s: deletes exactly what has expired, nothing else", async (rule, seed, left, kept, deleted) => {
    await seed();
    const report = await runUpkeep(env);
    expect(await column(left)).toEqual(kept);
    expect(report).toEqual({ ...zeros(), [rule]: deleted });
  });

  it("removes the KV records of the sessions it sweeps", async () => {
    await session("gone", { expiresAt: NOW });
    await session("live");
    await runUpkeep(env);
    expect(await env.SESSIONS.get("session:hash-gone")).toBeNull();
    expect(await env.SESSIONS.get("session:hash-live")).not.toBeNull();
  });

  it("deletes at most UPKEEP_ROWS_PER_RULE rows a run, oldest first, and the next run goes on from there", async () => {
    const limited = { ...env, UPKEEP_ROWS_PER_RULE: "3" } as Env;
    for (let i = 0; i < 7; i++) await audit(`user-${i}`, NOW - 400 * DAY + i, "role.assigned");
    const left = () => column("SELECT target AS v FROM audit_log");
    expect((await runUpkeep(limited))["audit-log"]).toBe(3);
    expect(await left()).toEqual(["user-3", "user-4", "user-5", "user-6"]);
    expect((await runUpkeep(limited))["audit-log"]).toBe(3);
    expect((await runUpkeep(limited))["audit-log"]).toBe(1);
    expect(await left()).toEqual([]);
  });

  it("keeps every rule within a bound of one row a run, and reaches the same end in as many runs as it needs", async () => {
    for (const [, seed] of CASES) await seed();
    const one = { ...env, UPKEEP_ROWS_PER_RULE: "1" } as Env;
    const users = () => db.prepare("SELECT COUNT(*) AS n FROM users").first<{ n: number }>().then((r) => r!.n);
    let runs = 0;
    for (let done = false; !done && runs < 10; runs++) {
      const before = await users();
      const report = await runUpkeep(one);
      // D1 counts cascaded rows: an account goes with its link and role, one account a run.
      const { "unverified-accounts": _cascading, ...others } = report;
      expect(Math.max(...Object.values(others))).toBeLessThanOrEqual(1);
      expect(before - (await users())).toBeLessThanOrEqual(1);
      done = Object.values(report).every((n) => n === 0);
    }
    // Two expired rows in the busiest tables: two runs that delete, one that finds nothing.
    expect(runs).toBe(3);
    const left = () => Promise.all(CASES.map(([, , list]) => column(list)));
    const stepByStep = await left();
    await reset();
    for (const [, seed] of CASES) await seed();
    await runUpkeep(env);
    expect(stepByStep).toEqual(await left());
  });

  it(`sweeps at most ${SWEEP_MAX} sessions a run, whatever UPKEEP_ROWS_PER_RULE says`, async () => {
    const rows = Array.from({ length: SWEEP_MAX + 5 }, (_, i) =>
      db.prepare("INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at) VALUES (?, 'owner', ?, 0, 0, ?)").bind(`s${i}`, `h${i}`, NOW - i),
    );
    await db.batch(rows);
    expect((await runUpkeep(env)).sessions).toBe(SWEEP_MAX);
    expect((await runUpkeep(env)).sessions).toBe(5);
  });

  it("is idempotent: a second run finds nothing and changes nothing", async () => {
    for (const [, seed] of CASES) await seed();
    await runUpkeep(env);
    const snapshot = await Promise.all(CASES.map(([, , left]) => column(left)));
    expect(Object.values(await runUpkeep(env)).every((n) => n === 0)).toBe(true);
    expect(await Promise.all(CASES.map(([, , left]) => column(left)))).toEqual(snapshot);
  });

  it("runs from the cron trigger's scheduled handler", async () => {
    const { default: worker } = await import("../src/index");
    await session("gone", { expiresAt: NOW });
    const handler = worker as ExportedHandler<Env>;
    await handler.scheduled!({ cron: "0 * * * *", scheduledTime: NOW * 1000, noRetry: () => undefined }, env, {} as ExecutionContext);
    expect(await column("SELECT id AS v FROM sessions")).toEqual([]);
  });
});

describe("a month of traffic", () => {
  const count = async (table: string) => (await db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
  const EXPIRING = ["sessions", "email_verifications", "password_resets", "login_throttle", "mail_sends", "outbox", "users WHERE email_verified_at IS NULL"];
  const login = (email: string, password = PASSWORD) => call("POST", "/api/auth/login", { body: { email, password } });
  const settleMail = (email: string) => call("GET", `/api/dev/outbox?to=${encodeURIComponent(email)}`);

  /** Every other day: the members sign in, a stranger guesses, someone registers and never verifies, a member forgets; then the upkeep. */
  async function day(n: number, members: string[]): Promise<number> {
    vi.setSystemTime((NOW + n * DAY) * 1000);
    for (const email of members) expect((await login(email)).status).toBe(200);
    expect((await login(uniqueEmail("nobody"), "a wrong guess for sure")).status).toBe(401);
    await register(uniqueEmail("never"));
    await call("POST", "/api/auth/forgot-password", { body: { email: members[n % members.length] } });
    await settleMail(members[0]!);
    await runUpkeep(env);
    // Audited: each sign-in and the stranger's failure.
    return members.length + 1;
  }

  it("leaves the database no larger than its live data plus retention: what expires stays flat, the audit keeps its year", async () => {
    const members: string[] = [];
    for (const tag of ["a"]) {
      const email = uniqueEmail(`month-${tag}`);
      await register(email);
      await call("POST", "/api/auth/verify-email", { body: { token: await latestToken(email, "verify"), password: PASSWORD } });
      members.push(email);
    }
    let audited = await count("audit_log");
    const snapshots: Record<string, number>[] = [];
    for (let n = 2; n <= 28; n += 2) {
      audited += await day(n, members);
      if (n === 14 || n === 28) snapshots.push(Object.fromEntries(await Promise.all(EXPIRING.map(async (t) => [t, await count(t)]))));
    }
    // Past the longest window (7 days), a steady month holds as many expiring rows in its 4th week as in its 2nd.
    expect(snapshots[1]).toEqual(snapshots[0]);
    // The never-verified accounts left are those of the last 7 days: days 22, 24, 26 and 28.
    expect(snapshots[1]!["users WHERE email_verified_at IS NULL"]).toBe(4);
    // Within its 365 days (30 for addresses without an account) nothing of the audit log goes.
    expect(await count("audit_log")).toBe(audited);
  });
});
