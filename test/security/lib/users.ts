import { randomBytes, randomUUID } from "node:crypto";
import { apiFor, deviceCookie, sessionCookie } from "./http";

// Gets the admin role once verified, as `adminEmails` does in a deployed stack.
export const ADMIN_EMAIL = "admin-security@example.com";
export const ADMIN_PASSWORD = "admin security suite passphrase";

export function uniqueEmail(tag = "user"): string {
  return `${tag}-${randomUUID().slice(0, 13)}@example.com`;
}

/** 24 random characters: never on the common-password list, never the address. */
export function strongPassword(): string {
  return `pw ${randomBytes(16).toString("base64url")}`;
}

/** The token of the newest emailed link of a kind, read from the local outbox. */
export async function linkToken(base: string, email: string, kind: "verify" | "reset"): Promise<string> {
  const res = await fetch(`${base}/api/dev/outbox?to=${encodeURIComponent(email)}`);
  const { messages } = (await res.json()) as { messages: Array<{ text: string }> };
  for (const message of messages) {
    const token = new RegExp(`/${kind}\\?token=([^\\s"&<]+)`).exec(message.text)?.[1];
    if (token) return token;
  }
  throw new Error(`no ${kind} link for ${email}`);
}

async function expectStatus(res: Response, status: number, what: string): Promise<Response> {
  if (res.status !== status) throw new Error(`${what} answered ${res.status}: ${await res.text()}`);
  return res;
}

/** Registers and verifies an account over HTTP, as a person would with the mailbox. */
export async function createVerifiedUser(base: string, email: string, password: string): Promise<void> {
  const api = apiFor(base);
  await expectStatus(await api("POST", "/api/auth/register", { body: { email, password } }), 202, "register");
  const token = await linkToken(base, email, "verify");
  const verified = await expectStatus(await api("POST", "/api/auth/verify-email", { body: { token, password } }), 200, "verify-email");
  // Verifying signed that browser in; the suites sign in themselves, so that session ends here.
  await api("POST", "/api/auth/logout", { cookie: sessionCookie(verified) });
}

export interface SignedIn {
  email: string;
  password: string;
  id: string;
  cookie: string;
  /** `__Host-device=...`: this browser is trusted for the account from now on. */
  device: string | null;
}

/** Signs in and returns the session cookie and the user's id. */
export async function signIn(base: string, email: string, password: string): Promise<SignedIn> {
  const res = await expectStatus(await apiFor(base)("POST", "/api/auth/login", { body: { email, password } }), 200, "login");
  const cookie = sessionCookie(res);
  if (!cookie) throw new Error("login set no session cookie");
  const { user } = (await res.json()) as { user: { id: string } };
  return { email, password, id: user.id, cookie, device: deviceCookie(res) };
}

/** A fresh verified member (role `user`), signed in. */
export async function newMember(base: string, tag = "member"): Promise<SignedIn> {
  const email = uniqueEmail(tag);
  const password = strongPassword();
  await createVerifiedUser(base, email, password);
  return signIn(base, email, password);
}

/** A new session of the stack's admin (each call is one more device). */
export function signInAdmin(base: string): Promise<SignedIn> {
  return signIn(base, ADMIN_EMAIL, ADMIN_PASSWORD);
}
