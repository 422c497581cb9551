import type { SessionUser } from "@workers-users/shared";
import { api } from "../api";

// The second-factor routes of the API, in one place (a generated client may replace them).

export interface MfaStatus {
  totp: boolean;
  recoveryCodesLeft: number;
  methods: string[];
}

export const mfaStatus = () => api<MfaStatus>("GET", "/api/account/mfa");
export const startTotp = () => api<{ secret: string; otpauthUrl: string }>("POST", "/api/account/mfa/totp");
export const confirmTotp = (code: string) => api<{ recoveryCodes: string[] }>("POST", "/api/account/mfa/totp/confirm", { code });
export const removeTotp = (password: string) => api("DELETE", "/api/account/mfa/totp", { password });
export const newRecoveryCodes = () => api<{ recoveryCodes: string[] }>("POST", "/api/account/mfa/recovery-codes");

/** The second sign-in step: a code from the app, or a recovery code. */
export const verifySecondStep = (factor: { code: string } | { recoveryCode: string }) =>
  api<{ user: SessionUser; returnTo: string | null }>("POST", "/api/auth/mfa/verify", factor);

/** Proves it is still the user, for an action that needs a recent sign-in. */
export const reauthenticate = (proof: { password: string } | { code: string }) =>
  api<{ authenticatedAt: number }>("POST", "/api/auth/reauthenticate", proof);

export const resetUserMfa = (userId: string) => api<{ reset: boolean }>("DELETE", `/api/admin/users/${encodeURIComponent(userId)}/mfa`);
