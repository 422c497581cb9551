import * as z from "zod";
import type { Context } from "hono";
import { HttpProblem } from "@workers-users/shared";
import { ipRateLimit } from "../http/ip-rate-limit";
import { currentSession, requireSession } from "../middleware/session";
import { createRoute } from "../openapi";
import { CeremonyOptions } from "../passkeys/schemas";
import { listPasskeys } from "../passkeys/store";
import { assertionOptions } from "../passkeys/verify-assertion";
import { createRouter } from "../router";
import { json, problem } from "../schemas";
import type { AppEnv } from "../types";
import { findPending } from "./pending";

const Options = json(z.object({ options: CeremonyOptions }), "Options for navigator.credentials.get, limited to this account's passkeys");
const noPasskey = problem("CONFLICT: the account has no passkey");

const secondStepRoute = createRoute({
  method: "post",
  path: "/mfa/passkey/options",
  operationId: "secondFactorPasskeyOptions",
  tags: ["auth"],
  summary: "The second step with a passkey: options for navigator.credentials.get, for the account signing in",
  description:
    "Needs the `__Host-mfa` cookie the first step set. Only that account's passkeys are allowed; the challenge is bound to this browser and that account for 5 minutes. The answer goes to `POST /api/auth/mfa/verify` as `{passkey}`.",
  middleware: [ipRateLimit("login")] as const,
  responses: { 200: Options, 401: problem("SIGN_IN_EXPIRED: no sign-in waits for its second step"), 409: noPasskey, 429: problem("RATE_LIMITED, with Retry-After") },
});

const stepUpRoute = createRoute({
  method: "post",
  path: "/reauthenticate/passkey/options",
  operationId: "reauthenticatePasskeyOptions",
  tags: ["auth"],
  summary: "Step-up with a passkey: options for navigator.credentials.get, for the signed-in account",
  description: "The challenge is bound to this browser and this account for 5 minutes. The answer goes to `POST /api/auth/reauthenticate` as `{passkey}`.",
  middleware: [ipRateLimit("login"), requireSession({ strict: true })] as const,
  responses: { 200: Options, 401: problem("UNAUTHENTICATED"), 409: noPasskey, 429: problem("RATE_LIMITED, with Retry-After") },
});

/** Authentication options allowing only `userId`'s passkeys, their challenge kept for this browser and that account. */
async function optionsFor(c: Context<AppEnv>, userId: string) {
  const passkeys = await listPasskeys(c.env.DB, userId);
  // Empty allowed credentials would mean "any passkey here": never for a named account.
  if (passkeys.length === 0) throw new HttpProblem("CONFLICT", { detail: "This account has no passkey." });
  return c.json({ options: await assertionOptions(c, userId, passkeys.map((p) => p.id)) }, 200);
}

/** Passkey options for the second sign-in step and for step-up, under /api/auth. */
export const mfaPasskeyOptions = createRouter()
  .openapi(secondStepRoute, async (c) => {
    const pending = await findPending(c);
    if (pending === null) throw new HttpProblem("SIGN_IN_EXPIRED");
    return optionsFor(c, pending.userId);
  })
  .openapi(stepUpRoute, async (c) => optionsFor(c, currentSession(c).userId));
