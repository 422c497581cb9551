import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { nowSeconds } from "@workers-users/shared";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import app from "../src/index";
import { getConfig } from "../src/config";
import { addFailure, loginKey, readThrottle, setLock } from "../src/db/throttle";
import { call, latestToken, login, ORIGIN, PASSWORD, problemOf, uniqueEmail, verifiedUser, withinOneRateWindow } from "./helpers";

const WRONG = "not the password at all";

beforeEach(() => vi.useFakeTimers({ toFake: ["Date"] }));
afterEach(() => vi.useRealTimers());
const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

async function attempt(email: string, password = WRONG): Promise<Response> {
  return call("POST", "/api/auth/login", { body: { email, password } });
}

/** Fails `n` times, waiting out each delay, as a patient attacker would. */
async function failTimes(email: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await attempt(email);
    if (res.status === 429) {
      advance(Number(res.headers.get("retry-after")));
      i--;
      continue;
    }
    expect(res.status).toBe(401);
  }
}

describe("per-account throttling (ASVS 2.2.1)", () => {
  it("answers the first four failures at once, then makes each further attempt wait", async () => {
    const email = await verifiedUser();
    for (let i = 0; i < 5; i++) expect((await attempt(email)).status).toBe(401);
    const waiting = await attempt(email, PASSWORD);
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get("retry-after")).toBe("2");
    expect((await problemOf(waiting)).code).toBe("RATE_LIMITED");
    advance(2);
    await login(email);
  });

  it("locks after 10 consecutive failures for 15 minutes; even the right password waits", async () => {
    const email = await verifiedUser();
    await failTimes(email, 10);
    const locked = await attempt(email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBe(900);
    advance(899);
    expect((await attempt(email, PASSWORD)).status).toBe(429);
    advance(1);
    await login(email);
  });

  it("a wait written late by a parallel failure never shortens the lock another one set", async () => {
    // Parallel failures each count in one statement, then write their own wait or lock. One
    // that counted the 6th failure can write its 4 s wait after the one that counted the 10th
    // wrote the 15-minute lock: the later write must not win.
    const email = await verifiedUser();
    const key = loginKey(email);
    const now = nowSeconds();
    await addFailure(env.DB, key, now);
    await setLock(env.DB, key, now + 900, true);
    await setLock(env.DB, key, now + 4, false);
    expect((await readThrottle(env.DB, key))!.lockedUntil).toBe(now + 900);
    const locked = await attempt(email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBe(900);
  });

  it("doubles each further lock but never beyond the cap of an hour", async () => {
    const email = await verifiedUser();
    const locks: number[] = [];
    for (let round = 0; round < 4; round++) {
      await failTimes(email, 10);
      const res = await attempt(email);
      locks.push(Number(res.headers.get("retry-after")));
      advance(locks.at(-1)!);
    }
    expect(locks).toEqual([900, 1800, 3600, 3600]);
  });

  it("a success resets the count", async () => {
    const email = await verifiedUser();
    await failTimes(email, 4);
    await login(email);
    await failTimes(email, 4);
    expect((await attempt(email)).status).toBe(401);
  });

  it("treats an unknown address exactly like a known one, status by status and body by body", async () => {
    const known = await verifiedUser();
    const unknown = uniqueEmail();
    for (let i = 0; i < 7; i++) {
      const [a, b] = [await attempt(known), await attempt(unknown)];
      expect(a.status).toBe(b.status);
      expect((await a.text()).replace(/\d+ s/, "N s")).toBe((await b.text()).replace(/\d+ s/, "N s"));
      if (a.status === 429) advance(Number(a.headers.get("retry-after")));
    }
  });

  it("counts case and whitespace variants of an address as one account", async () => {
    const email = await verifiedUser();
    for (const variant of [email, email.toUpperCase(), ` ${email} `, email, email.toUpperCase()]) await attempt(variant);
    expect((await attempt(`  ${email.toUpperCase()}`, PASSWORD)).status).toBe(429);
  });

  it("lets the owner back in through a password reset, whatever the lock", async () => {
    const email = await verifiedUser();
    await failTimes(email, 10);
    expect((await call("POST", "/api/auth/forgot-password", { body: { email } })).status).toBe(202);
    const token = await latestToken(email, "reset");
    expect((await call("POST", "/api/auth/reset-password", { body: { token, password: "a fresh long passphrase" } })).status).toBe(204);
    await login(email, "a fresh long passphrase");
  });
});

describe("per-IP throttling (ASVS 2.2.1)", () => {
  it("answers 429 with Retry-After past 30 attempts a minute from one address", async () => {
    const limited = { ...env, RATE_LIMIT_IP: "on" };
    const statuses: number[] = [];
    await withinOneRateWindow();
    for (let i = 0; i < 32; i++) {
      const req = new Request(`${ORIGIN}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": "198.51.100.7" },
        body: JSON.stringify({ email: uniqueEmail(), password: WRONG }),
      });
      const res = await app.fetch(req, limited, createExecutionContext());
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers.get("retry-after")).toBe("60");
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });

  it("can be turned off only in the local environment", () => {
    expect(getConfig({ ...env, RATE_LIMIT_IP: "off" }).ipRateLimit).toBe(false);
    expect(getConfig({ ...env, RATE_LIMIT_IP: "off", ENVIRONMENT: "production" }).ipRateLimit).toBe(true);
  });
});
