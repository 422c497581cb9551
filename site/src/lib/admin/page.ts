import type { SessionUser } from "@workers-users/shared";
import { type ApiResult, problemMessage } from "../api";
import { byId, element, offerRetry, setStatus } from "../dom";
import { getSession, goToLogin } from "../session";
import { type Can, hasAdminAccess, permissionsOf, sectionsFor } from "./access";
import { t } from "../../i18n";

export interface AdminContext {
  user: SessionUser;
  /** The admin's own session on this page, to mark it among a user's sessions. */
  sessionId: string;
  can: Can;
}

type Failure = Extract<ApiResult<unknown>, { ok: false }>;

/**
 * Starts an admin page: the signed-in user, the admin nav, and the page itself only
 * when the user holds `required` (null: any admin permission). Null when the page has
 * nothing to show.
 */
export async function startAdminPage(required: string | null): Promise<AdminContext | null> {
  const current = await getSession();
  if (!current.ok) {
    if (current.status === 401) goToLogin();
    else {
      setStatus(byId("page-status", HTMLElement), problemMessage(current), "error");
      offerRetry(byId("page-status", HTMLElement), current.status);
    }
    return null;
  }
  const { user, session } = current.data;
  const can = permissionsOf(user.permissions);
  byId("signed-in-as", HTMLElement).textContent = t("admin.signedInAs", { email: user.email });
  renderNav(can);
  if (required === null ? !hasAdminAccess(can) : !can(required)) {
    showDenied();
    return null;
  }
  setStatus(byId("page-status", HTMLElement), "");
  byId("content", HTMLElement).hidden = false;
  return { user, sessionId: session.id, can };
}

function renderNav(can: Can): void {
  const nav = byId("admin-nav", HTMLElement);
  if (!hasAdminAccess(can)) return;
  const items = sectionsFor(can).map((section) => {
    const link = element("a", t(section.label));
    link.href = section.path;
    if (nav.dataset["current"] === section.path) link.setAttribute("aria-current", "page");
    return link;
  });
  const account = element("a", t("admin.yourAccount"));
  account.href = "/account";
  const list = element("ul");
  list.append(...[...items, account].map((link) => {
    const item = element("li");
    item.append(link);
    return item;
  }));
  nav.replaceChildren(list);
  nav.hidden = false;
}

/** The page in place of its content when the user lacks the permission (or the API said 403). */
export function showDenied(): void {
  byId("content", HTMLElement).hidden = true;
  setStatus(byId("page-status", HTMLElement), t("admin.denied"), "error");
  const main = document.querySelector("main");
  if (main === null || main.querySelector(".denied") !== null) return;
  const note = element("div", undefined, "card denied");
  const back = element("a", t("admin.deniedBack"));
  back.href = "/account";
  const explain = element("p", t("admin.deniedExplain"));
  const links = element("p");
  links.append(back);
  note.append(explain, links);
  main.append(note);
}

/** For handleForm's onProblem: signed out leaves for the sign-in page, a 403 shows the no-access page. */
export function leaveIfNotAllowed(failure: Failure): boolean {
  if (failure.problem.code === "UNAUTHENTICATED") goToLogin();
  else if (failure.problem.code === "FORBIDDEN") showDenied();
  else return false;
  return true;
}

/** For a failed load: as leaveIfNotAllowed, and anything else is said in `region`. */
export function loadFailed(failure: Failure, region: HTMLElement): void {
  if (leaveIfNotAllowed(failure)) return;
  setStatus(region, problemMessage(failure), "error");
  offerRetry(region, failure.status);
}

/** For a failed action: signed out leaves, anything else (a 403 included) is said in `region`. */
export function actionFailed(failure: Failure, region: HTMLElement): void {
  if (failure.problem.code === "UNAUTHENTICATED") goToLogin();
  else setStatus(region, problemMessage(failure), "error");
}
