/**
 * Traffic for the storage measurement, over HTTP as the site sends it: accounts made
 * the way a person makes one, and a day of what active users and strangers do.
 */
import { randomUUID } from "node:crypto";

export interface Member {
  email: string;
  password: string;
  /** `__Host-device=...`: this member's browser, trusted since sign-up. */
  device: string;
}

const PASSWORD = "storage measurement password";

export function client(base: string) {
  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  /** The token of the newest link of a kind the local mailbox holds for an address. */
  const link = async (email: string, kind: "verify" | "reset") => {
    const res = await fetch(`${base}/api/dev/outbox?to=${encodeURIComponent(email)}`);
    const { messages } = (await res.json()) as { messages: { text: string }[] };
    for (const m of messages) {
      const token = new RegExp(`/${kind}\\?token=([\\w-]+)`).exec(m.text)?.[1];
      if (token) return token;
    }
    throw new Error(`no ${kind} link for ${email}`);
  };
  return { post, link };
}

/** Registers, opens the link and verifies with the password: a member signed in once, in one browser. */
export async function signUp(base: string, tag: string, verify = true): Promise<Member | null> {
  const { post, link } = client(base);
  const email = `${tag}-${randomUUID().slice(0, 12)}@example.com`;
  await expectStatus(await post("/api/auth/register", { email, password: PASSWORD, name: "A Member" }), 202);
  if (!verify) return null;
  const res = await post("/api/auth/verify-email", { token: await link(email, "verify"), password: PASSWORD });
  await expectStatus(res, 200);
  const device = res.headers.getSetCookie().find((c) => c.startsWith("__Host-device="))!.split(";")[0]!;
  return { email, password: PASSWORD, device };
}

/** What one day brings, for `members` active members (each signs in once). */
export async function day(base: string, members: Member[], newMembers: Member[], concurrency = 8): Promise<void> {
  const { post, link } = client(base);
  const jobs: (() => Promise<unknown>)[] = [];
  members.forEach((m, i) => {
    // One in twenty mistypes the password first.
    if (i % 20 === 0) jobs.push(() => post("/api/auth/login", { email: m.email, password: "not the password at all" }, m.device));
    jobs.push(() => post("/api/auth/login", { email: m.email, password: m.password }, m.device));
  });
  // One in fifty asks for a reset; half of those use it.
  members.filter((_, i) => i % 50 === 7).forEach((m, i) =>
    jobs.push(async () => {
      await post("/api/auth/forgot-password", { email: m.email });
      if (i % 2 === 0) await post("/api/auth/reset-password", { token: await link(m.email, "reset"), password: m.password });
    }),
  );
  // Strangers guess: one failed login a day per ten members, each at an address without an account.
  for (let i = 0; i < members.length / 10; i++) jobs.push(() => post("/api/auth/login", { email: `nobody-${randomUUID()}@example.com`, password: "guess guess guess" }));
  // Three new members a day per hundred, and one registration in six never verified.
  const joining = Math.ceil(members.length * 0.03);
  for (let i = 0; i < joining; i++) jobs.push(async () => {
    const m = await signUp(base, "joined", i % 6 !== 0);
    if (m) newMembers.push(m);
  });
  await pool(jobs, concurrency);
}

async function pool(jobs: (() => Promise<unknown>)[], size: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: size }, worker));
}

async function expectStatus(res: Response, status: number): Promise<void> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`${res.url} answered ${res.status}: ${text}`);
}

export { pool };
