import { nowSeconds } from "@workers-users/shared";
import { unseal } from "./key";
import { hashRecoveryCode, normalizeRecoveryCode } from "./recovery-codes";
import { acceptStep, findTotp, useRecoveryCode } from "./store";
import { matchingStep } from "./totp";

/** What a second step or a re-authentication offers: a code from the app, or a recovery code. */
export type SecondFactor = { type: "totp"; code: string } | { type: "recovery_code"; recoveryCode: string };

/**
 * Checks and spends a second factor of `userId`: an accepted TOTP code's step is never
 * accepted again, a recovery code works once. False for anything else, a user without
 * TOTP included (the answer does not say which).
 */
export async function spendSecondFactor(env: Env, userId: string, factor: SecondFactor): Promise<boolean> {
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

/** The factor a body names: `{code}` or `{recoveryCode}`; null for neither. */
export function factorOf(body: { code?: string | undefined; recoveryCode?: string | undefined }): SecondFactor | null {
  if (body.code !== undefined) return { type: "totp", code: body.code.replace(/\s/g, "") };
  if (body.recoveryCode !== undefined) return { type: "recovery_code", recoveryCode: body.recoveryCode };
  return null;
}
