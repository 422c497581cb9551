import type { Context } from "hono";
import type { Session } from "@workers-users/shared";
import type { UserRow } from "../db/users";
import type { AppEnv } from "../types";
import { signIn } from "../users/sign-in";
import { startPending } from "./pending";
import { mfaStatuses } from "./store";

/** A second factor a user can be asked for at sign-in. */
export type MfaMethod = "totp" | "recovery_code" | "passkey";

/**
 * The second factors `userId` has, in the order the sign-in page offers them; empty
 * when the user has none (then one credential signs in). The one place that decides
 * whether a sign-in needs a second step: TOTP (and its recovery codes while any are left),
 * or a passkey.
 */
export async function mfaMethods(env: Env, userId: string): Promise<MfaMethod[]> {
  const status = (await mfaStatuses(env.DB, [userId])).get(userId)!;
  const methods: MfaMethod[] = [];
  if (status.totp) methods.push("totp");
  if (status.recoveryCodesLeft > 0) methods.push("recovery_code");
  if (status.passkeys > 0) methods.push("passkey");
  return methods;
}

export type FirstStepOutcome =
  | { type: "signed_in"; session: Session }
  | { type: "mfa_required"; methods: MfaMethod[] }
  | { type: "stale" };

/**
 * After a first credential (a password, a provider identity): a user without a second factor
 * is signed in; one with a second factor gets no session, only the pending cookie, and the
 * methods to ask for. `user.credential_epoch` is the one read before the credential was
 * checked, and is carried into the pending sign-in so a change that lands meanwhile wins.
 */
export async function afterFirstFactor(
  c: Context<AppEnv>,
  user: UserRow,
  options: { device: string | null; via: string; returnTo?: string | null },
): Promise<FirstStepOutcome> {
  const methods = await mfaMethods(c.env, user.id);
  if (methods.length > 0) {
    await startPending(c, { userId: user.id, epoch: user.credential_epoch, device: options.device, via: options.via, returnTo: options.returnTo ?? null });
    return { type: "mfa_required", methods };
  }
  const session = await signIn(c, user, { device: options.device });
  return session === null ? { type: "stale" } : { type: "signed_in", session };
}
