import type { Context } from "hono";
import type * as z from "zod";
import { HttpProblem, nowSeconds } from "@workers-users/shared";
import type { CredentialResponse } from "../passkeys/schemas";
import { verifyPasskeyAssertion } from "../passkeys/verify-assertion";
import type { AppEnv } from "../types";
import { unseal } from "./key";
import { hashRecoveryCode, normalizeRecoveryCode } from "./recovery-codes";
import { acceptStep, findTotp, useRecoveryCode } from "./store";
import { matchingStep } from "./totp";

/** What a second step or a re-authentication offers: a code from the app, a recovery code, or a passkey's answer. */
export type SecondFactor =
  | { type: "totp"; code: string }
  | { type: "recovery_code"; recoveryCode: string }
  | { type: "passkey"; response: z.output<typeof CredentialResponse> };

/**
 * Checks and spends a code of `userId`: an accepted TOTP code's step is never accepted
 * again, a recovery code works once. False for anything else, a user without TOTP included
 * (the answer does not say which).
 */
export async function spendSecondFactor(env: Env, userId: string, factor: Exclude<SecondFactor, { type: "passkey" }>): Promise<boolean> {
  const now = nowSeconds();
  if (factor.type === "recovery_code") {
    const normalized = normalizeRecoveryCode(factor.recoveryCode);
    const hash = await hashRecoveryCode(userId, normalized ?? "");
    return normalized !== null && (await useRecoveryCode(env.DB, userId, hash, now));
  }
  const totp = await findTotp(env.DB, userId);
  if (totp === null || !totp.confirmed) return false;
  const step = matchingStep(await unseal(env, userId, totp.sealed), factor.code, now, totp.lastStep);
  return step !== null && (await acceptStep(env.DB, userId, step, now));
}

/** A second factor checked: accepted (with the passkey that proved it), or refused with the reason the audit keeps. */
export type FactorCheck = { ok: true; passkeyId: string | null } | { ok: false; reason: string | null };

/**
 * Checks and spends any second factor of `userId`. A passkey counts only if it is one of
 * that account's, answering a challenge this browser was given; a challenge that is not
 * (replayed, expired, another browser's) is 400 PASSKEY_CHALLENGE_INVALID before any check.
 */
export async function checkSecondFactor(c: Context<AppEnv>, userId: string, factor: SecondFactor): Promise<FactorCheck> {
  if (factor.type !== "passkey") return (await spendSecondFactor(c.env, userId, factor)) ? { ok: true, passkeyId: null } : { ok: false, reason: null };
  const outcome = await verifyPasskeyAssertion(c, factor.response, { userId });
  if (outcome.type === "challenge_invalid") throw new HttpProblem("PASSKEY_CHALLENGE_INVALID");
  if (outcome.type === "verified") return { ok: true, passkeyId: outcome.passkey.id };
  return { ok: false, reason: outcome.type === "invalid" ? outcome.reason : "not a passkey of this account" };
}

/** The factor a body names: `{code}`, `{recoveryCode}` or `{passkey}`; null for none. */
export function factorOf(body: { code?: string | undefined; recoveryCode?: string | undefined; passkey?: z.output<typeof CredentialResponse> | undefined }): SecondFactor | null {
  if (body.code !== undefined) return { type: "totp", code: body.code.replace(/\s/g, "") };
  if (body.recoveryCode !== undefined) return { type: "recovery_code", recoveryCode: body.recoveryCode };
  if (body.passkey !== undefined) return { type: "passkey", response: body.passkey };
  return null;
}

/** The 401 a refused factor gets: a code is "not valid", a passkey "not accepted". */
export function refusalOf(factor: SecondFactor): "PASSKEY_NOT_ACCEPTED" | "INVALID_MFA_CODE" {
  return factor.type === "passkey" ? "PASSKEY_NOT_ACCEPTED" : "INVALID_MFA_CODE";
}
