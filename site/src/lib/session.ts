import type { SessionUser } from "@workers-users/shared";
import { api, type ApiResult, client } from "./api";
import { loginReturningHere } from "./return-to";
import { t, type MessageKey } from "../i18n";

export interface CurrentSession {
  user: SessionUser;
  session: { id: string; createdAt: number; expiresAt: number };
}

// Remembers that this browser had a session, so a 401 later can say it ended (the cookie is HttpOnly).
const SIGNED_IN_KEY = "signed-in";
const NOTICE_KEY = "sign-in-notice";

/** What the sign-in page says about how the visitor got there. */
const NOTICES = {
  logout: "notice.logout",
  "logout-all": "notice.logoutAll",
  deleted: "notice.deleted",
  ended: "notice.ended",
} as const satisfies Record<string, MessageKey>;

export type Leaving = "logout" | "logout-all" | "deleted";

export async function getSession(): Promise<ApiResult<CurrentSession>> {
  const result = await api(client.GET("/api/auth/session"));
  if (result.ok) localStorage.setItem(SIGNED_IN_KEY, "1");
  return result;
}

/**
 * Leaves for the sign-in page; `replace` keeps the signed-out page out of history.
 * `leaving`: the visitor chose to go, and the sign-in page says it is done. Otherwise the
 * session is missing: sign-in comes back to this page, and says the session ended if there was one.
 */
export function goToLogin(leaving?: Leaving): void {
  const hadSession = localStorage.getItem(SIGNED_IN_KEY) !== null;
  localStorage.removeItem(SIGNED_IN_KEY);
  const notice = leaving ?? (hadSession ? "ended" : null);
  if (notice !== null) sessionStorage.setItem(NOTICE_KEY, notice);
  location.replace(leaving ? "/login" : loginReturningHere());
}

/** The sign-in page's message about how the visitor got there, once; an ended session is news, not success. */
export function takeSignInNotice(): { text: string; kind: "success" | "info" } | null {
  const key = sessionStorage.getItem(NOTICE_KEY);
  sessionStorage.removeItem(NOTICE_KEY);
  if (key === null || !(key in NOTICES)) return null;
  return { text: t(NOTICES[key as keyof typeof NOTICES]), kind: key === "ended" ? "info" : "success" };
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
