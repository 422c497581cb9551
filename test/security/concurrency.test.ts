import { describe, expect, inject, it } from "vitest";
import { apiFor } from "./lib/http";
import { linkToken, newMember, signInAdmin, strongPassword, uniqueEmail } from "./lib/users";

const base = inject("stacks").main;
const api = apiFor(base);
const PARALLEL = 8;

const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();
const loginStatus = async (email: string, password: string) => (await api("POST", "/api/auth/login", { body: { email, password } })).status;

describe("races (one atomic statement decides)", () => {
  it("V11.1.6 V2.7.3 parallel redemptions of one reset link: exactly one succeeds, and its password is the one that works", async () => {
    const member = await newMember(base);
    await api("POST", "/api/auth/forgot-password", { body: { email: member.email } });
    const token = await linkToken(base, member.email, "reset");
    const passwords = Array.from({ length: PARALLEL }, strongPassword);
    const responses = await Promise.all(passwords.map((password) => api("POST", "/api/auth/reset-password", { body: { token, password } })));
    expect(statuses(responses)).toEqual([204, ...Array(PARALLEL - 1).fill(400)]);
    const winner = passwords[responses.findIndex((r) => r.status === 204)]!;
    // Fewer failures than the throttle's free allowance, then the winner.
    for (const password of passwords.filter((p) => p !== winner).slice(0, 3)) expect(await loginStatus(member.email, password)).toBe(401);
    expect(await loginStatus(member.email, winner)).toBe(200);
  });

  it("V11.1.6 parallel registrations of one address create exactly one account", async () => {
    const email = uniqueEmail("race");
    const password = strongPassword();
    const names = Array.from({ length: PARALLEL }, (_, i) => `Racer ${i}`);
    const responses = await Promise.all(names.map((name) => api("POST", "/api/auth/register", { body: { email, password, name } })));
    expect(statuses(responses)).toEqual(Array(PARALLEL).fill(202));
    const admin = await signInAdmin(base);
    const { users } = (await (await api("GET", `/api/admin/users?q=${encodeURIComponent(email)}`, { cookie: admin.cookie })).json()) as { users: unknown[] };
    expect(users).toHaveLength(1);
    expect((await api("POST", "/api/auth/verify-email", { body: { token: await linkToken(base, email, "verify"), password } })).status).toBe(200);
    const again = (await (await api("GET", `/api/admin/users?q=${encodeURIComponent(email)}`, { cookie: admin.cookie })).json()) as {
      users: Array<{ emailVerified: boolean }>;
    };
    expect(again.users).toEqual([expect.objectContaining({ emailVerified: true })]);
  });

  it("V11.1.6 V2.7.3 parallel verifications of one link: exactly one succeeds", async () => {
    const email = uniqueEmail("verify-race");
    const password = strongPassword();
    await api("POST", "/api/auth/register", { body: { email, password } });
    const token = await linkToken(base, email, "verify");
    const responses = await Promise.all(Array.from({ length: PARALLEL }, () => api("POST", "/api/auth/verify-email", { body: { token, password } })));
    expect(statuses(responses)).toEqual([200, ...Array(PARALLEL - 1).fill(400)]);
  });

  it("V11.1.6 V2.2.1 parallel wrong passwords each count, and no late write shortens the wait they earned", async () => {
    const member = await newMember(base);
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => api("POST", "/api/auth/login", { body: { email: member.email, password: strongPassword() } })),
    );
    expect(responses.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    // A 401 is a password checked and counted. An attempt that arrived once a wait was in force
    // was refused (429) before any password work. No wait exists before the 5th failure, so at
    // least five were checked.
    const checked = responses.filter((r) => r.status === 401).length;
    expect(checked).toBeGreaterThanOrEqual(5);
    const after = await api("POST", "/api/auth/login", { body: { email: member.email, password: member.password } });
    expect(after.status).toBe(429);
    // 10 checked lock the account for 15 minutes; fewer leave the longest wait any of them set
    // (2 s doubling from the 5th), less the seconds since.
    const earned = checked >= 10 ? 60 : 2 ** (checked - 4) - 2;
    expect(Number(after.headers.get("retry-after"))).toBeGreaterThan(earned);
  });
});
