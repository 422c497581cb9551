import { api, client } from "../api";

// The second-factor routes of the API, in one place, through the typed client.

export const mfaStatus = () => api(client.GET("/api/account/mfa"));
/** What GET /api/account/mfa answers, as the generated types say. */
export type MfaStatus = Extract<Awaited<ReturnType<typeof mfaStatus>>, { ok: true }>["data"];
export const startTotp = () => api(client.POST("/api/account/mfa/totp"));
export const confirmTotp = (code: string) => api(client.POST("/api/account/mfa/totp/confirm", { body: { code } }));
export const removeTotp = (password: string) => api(client.DELETE("/api/account/mfa/totp", { body: { password } }));
export const newRecoveryCodes = () => api(client.POST("/api/account/mfa/recovery-codes"));

/** The second sign-in step: a code from the app, or a recovery code. */
export const verifySecondStep = (factor: { code: string } | { recoveryCode: string }) => api(client.POST("/api/auth/mfa/verify", { body: factor }));

/** Proves it is still the user, for an action that needs a recent sign-in. */
export const reauthenticate = (proof: { password: string } | { code: string }) => api(client.POST("/api/auth/reauthenticate", { body: proof }));

export const resetUserMfa = (userId: string) => api(client.DELETE("/api/admin/users/{id}/mfa", { params: { path: { id: userId } } }));
