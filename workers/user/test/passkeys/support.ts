import { expect } from "vitest";
import { call, login, verifiedUser } from "../helpers";
import { SoftwareAuthenticator, type Ceremony } from "./authenticator";

export { RP_ID, RP_ORIGIN, SoftwareAuthenticator } from "./authenticator";

/** `__Host-passkey=...`: the cookie binding a ceremony's challenge to the browser that asked. */
export function challengeCookie(res: Response): string {
  const header = res.headers.getSetCookie().find((c) => c.startsWith("__Host-passkey="));
  expect(header, "the options set the challenge cookie").toBeDefined();
  return header!.split(";")[0]!;
}

export const cookies = (...pairs: Array<string | null>) => pairs.filter(Boolean).join("; ");

export interface Options {
  challenge: string;
  user?: { id: string };
}

/** Registration options for the signed-in account: the options and this browser's challenge cookie. */
export async function registrationOptions(session: string): Promise<{ options: Options; browser: string }> {
  const res = await call("POST", "/api/account/passkeys/options", { cookie: session });
  expect(res.status).toBe(200);
  const { options } = (await res.json()) as { options: Options };
  return { options, browser: challengeCookie(res) };
}

/** Adds a passkey of `authenticator` to the signed-in account; `ceremony` can make the answer wrong. */
export async function addPasskey(session: string, authenticator: SoftwareAuthenticator, ceremony: Partial<Ceremony> = {}, name?: string) {
  const { options, browser } = await registrationOptions(session);
  const response = await authenticator.register({ challenge: options.challenge, ...ceremony }, options.user!.id);
  return call("POST", "/api/account/passkeys", { cookie: cookies(session, browser), body: { response, name } });
}

/** Sign-in options for a browser (its challenge cookie, when it has one already). */
export async function signInOptions(browser: string | null = null): Promise<{ challenge: string; browser: string }> {
  const res = await call("POST", "/api/auth/passkey/options", { cookie: browser });
  expect(res.status).toBe(200);
  const { options } = (await res.json()) as { options: Options };
  return { challenge: options.challenge, browser: challengeCookie(res) };
}

/** A usernameless sign-in with `authenticator`; `ceremony` can make the assertion wrong. */
export async function signInWithPasskey(authenticator: SoftwareAuthenticator, ceremony: Partial<Ceremony> = {}) {
  const { challenge, browser } = await signInOptions();
  const response = await authenticator.assert({ challenge, ...ceremony });
  return call("POST", "/api/auth/passkey/verify", { cookie: browser, body: { response } });
}

/** A verified account, signed in, with one passkey. */
export async function userWithPasskey(tag = "passkey") {
  const email = await verifiedUser(tag);
  const session = await login(email);
  const authenticator = new SoftwareAuthenticator();
  const added = await addPasskey(session, authenticator);
  expect(added.status).toBe(201);
  const { passkey } = (await added.json()) as { passkey: { id: string } };
  return { email, session, authenticator, passkeyId: passkey.id };
}
