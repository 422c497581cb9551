import type { Context } from "hono";
import { fromBase64url, nowSeconds, passkeyClient, type CeremonyOptions, type CredentialResponseJSON } from "@workers-users/shared";
import { findUserById, type UserRow } from "../db/users";
import type { AppEnv } from "../types";
import { CHALLENGE_TTL_SECONDS, issueChallenge, takeChallenge } from "./challenges";
import { relyingParty } from "./relying-party";
import { findPasskey, recordUse, toCredential, type PasskeyRow } from "./store";

export type AssertionOutcome =
  | { type: "verified"; user: UserRow; passkey: PasskeyRow }
  /** No challenge of this browser matches the response, or it expired or was used: ask for new options. */
  | { type: "challenge_invalid" }
  /** No such passkey (of this user, when one is named), or its user is gone. */
  | { type: "unknown_credential"; userId: string | null }
  /** The verification refused it: origin, RP ID, signature, user verification or counter. */
  | { type: "invalid"; userId: string; reason: string };

/**
 * Options for `navigator.credentials.get`, their challenge kept as this browser's `assert`
 * challenge: for `userId`'s passkeys only (`credentialIds`), or, with no user, for any
 * discoverable passkey of this site. The answer goes to `verifyPasskeyAssertion`.
 */
export async function assertionOptions(c: Context<AppEnv>, userId: string | null, credentialIds: string[] = []): Promise<CeremonyOptions> {
  const options = await passkeyClient(c.env.PASSKEYS).authenticationOptions({
    rpId: relyingParty(c.env).rpId,
    allowCredentialIds: credentialIds,
    timeoutMs: CHALLENGE_TTL_SECONDS * 1000,
  });
  await issueChallenge(c, options.challenge, "assert", userId);
  return options;
}

/**
 * Proves a passkey assertion: spends this browser's `assert` challenge, finds the passkey,
 * reads its user (the credential epoch, before verifying, for `signIn`), has the passkey
 * Worker verify the response, and moves the signature counter on. `userId` restricts it to
 * one account's passkeys (a second factor, a step-up); without it, any passkey signs in as
 * its owner (usernameless). It refuses nothing by the user's state: callers do.
 */
export async function verifyPasskeyAssertion(
  c: Context<AppEnv>,
  response: CredentialResponseJSON & { response: { clientDataJSON: string; userHandle?: string | null } },
  options: { userId?: string } = {},
): Promise<AssertionOutcome> {
  const taken = await takeChallenge(c, response.response.clientDataJSON, "assert");
  if (taken.type !== "ok") return taken;
  const passkey = await findPasskey(c.env.DB, response.id);
  const owner = passkey?.user_id ?? null;
  // A challenge issued for one account (its passkeys listed in the options) proves only that account.
  const expected = options.userId ?? taken.userId;
  if (passkey === null || (expected != null && passkey.user_id !== expected)) return { type: "unknown_credential", userId: owner };
  // The user handle, when the authenticator returns one, must name the passkey's owner (WebAuthn §7.2).
  if (!handleNames(response.response.userHandle, passkey.user_id)) return { type: "invalid", userId: passkey.user_id, reason: "the user handle names another account" };
  const user = await findUserById(c.env.DB, passkey.user_id);
  if (user === null) return { type: "unknown_credential", userId: null };
  const { rpId, origin } = relyingParty(c.env);
  const credential = toCredential(passkey);
  const result = await passkeyClient(c.env.PASSKEYS).verifyAuthentication({ rpId, origin, challenge: taken.challenge, response, credential });
  if (result.type !== "verified") return { type: "invalid", userId: user.id, reason: result.reason };
  if (!(await recordUse(c.env.DB, passkey.id, passkey.counter, result.newCounter, nowSeconds()))) {
    return { type: "invalid", userId: user.id, reason: "another sign-in used this counter value first" };
  }
  return { type: "verified", user, passkey: { ...passkey, counter: result.newCounter } };
}

/** Whether a base64url user handle is absent or the UTF-8 of `userId` (registration made it so). */
function handleNames(userHandle: string | null | undefined, userId: string): boolean {
  if (userHandle === undefined || userHandle === null || userHandle === "") return true;
  try {
    return new TextDecoder().decode(fromBase64url(userHandle)) === userId;
  } catch {
    return false;
  }
}
