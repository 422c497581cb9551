import type { SessionUser } from "@workers-users/shared";
import { api, type ApiResult } from "./api";

export interface CurrentSession {
  user: SessionUser;
  session: { id: string; createdAt: number; expiresAt: number };
}

export function getSession(): Promise<ApiResult<CurrentSession>> {
  return api<CurrentSession>("GET", "/api/auth/session");
}

/** Leaves for the sign-in page; `replace` keeps the signed-out page out of history. */
export function goToLogin(): void {
  location.replace("/login");
}

/** The address typed at registration or in "forgot password", for the check-email page. */
const PENDING_EMAIL_KEY = "pending-email";

export function rememberPendingEmail(email: string): void {
  sessionStorage.setItem(PENDING_EMAIL_KEY, email);
}

export function pendingEmail(): string | null {
  return sessionStorage.getItem(PENDING_EMAIL_KEY);
}

/** For handleForm's onProblem: a call answered "not signed in" leaves for the sign-in page. */
export function leaveIfSignedOut(failure: { problem: { code: string } }): boolean {
  if (failure.problem.code !== "UNAUTHENTICATED") return false;
  goToLogin();
  return true;
}
