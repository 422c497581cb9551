/**
 * Verified accounts made over HTTP the way a person makes one (register, the
 * link from the dev outbox, verify), each signed in once for a session cookie.
 */
import { randomUUID } from "node:crypto";

export const SESSION_COOKIE = "__Host-session";

export interface Account {
  email: string;
  password: string;
  token: string;
  /** A JWT from POST /api/auth/token, for the token-verifying scenario. */
  accessToken?: string;
}

const PASSWORD = "bench password 0123456789";
const OUTBOX_POLLS = 50;

export function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base, ...headers },
    body: JSON.stringify(body),
  });
}

/** The outbox is written after the answer: poll it for a while. */
async function verificationToken(base: string, email: string): Promise<string> {
  for (let i = 0; i < OUTBOX_POLLS; i++) {
    const res = await fetch(`${base}/api/dev/outbox?to=${encodeURIComponent(email)}`);
    const { messages } = (await res.json()) as { messages: { text: string }[] };
    const token = /\/verify\?token=([\w-]+)/.exec(messages[0]?.text ?? "")?.[1];
    if (token) return token;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no verification link for ${email} in the outbox`);
}

/** The session token a sign-in answer sets, or an error naming the route. */
async function sessionTokenOf(res: Response, route: string): Promise<string> {
  await res.text();
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  const token = cookie?.slice(SESSION_COOKIE.length + 1).split(";")[0];
  if (res.status !== 200 || !token) throw new Error(`${route} answered ${res.status} without a session cookie`);
  return token;
}

/** Signs in and answers the session token from Set-Cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  return sessionTokenOf(await post(base, "/api/auth/login", { email, password }), "login");
}

async function createAccount(base: string, label: string): Promise<Account> {
  const email = `${label}-${randomUUID().slice(0, 8)}@bench.example.com`;
  const registered = await post(base, "/api/auth/register", { email, password: PASSWORD });
  await registered.text();
  if (registered.status !== 202) throw new Error(`register answered ${registered.status}`);
  // Verification proves the password too, and signs in: its session is the account's.
  const verified = await post(base, "/api/auth/verify-email", { token: await verificationToken(base, email), password: PASSWORD });
  return { email, password: PASSWORD, token: await sessionTokenOf(verified, "verify-email") };
}

/** `count` accounts, `parallel` at a time (the work is Argon2 in one workerd thread). */
export async function seedAccounts(base: string, count: number, parallel: number, onProgress: (done: number) => void): Promise<Account[]> {
  const accounts: Account[] = [];
  while (accounts.length < count) {
    const batch = Math.min(parallel, count - accounts.length);
    accounts.push(...(await Promise.all(Array.from({ length: batch }, (_, i) => createAccount(base, `bench${accounts.length + i}`)))));
    onProgress(accounts.length);
  }
  return accounts;
}
