import { api, type ApiResult, client, problemMessage } from "../../api";
import { type Confirmation, confirmAction } from "../../confirm";
import { byId, element, setStatus } from "../../dom";
import { goToLogin, type Leaving } from "../../session";
import { formatTime, timeAgo } from "../../time";
import { describeUserAgent } from "../../user-agent";
import type { AdminContext } from "../page";
import { actionFailed } from "../page";
import type { AdminSession, AdminUserActions } from "../types";
import { plural, t } from "../../../i18n";

interface SessionsPart {
  userId: string;
  read: boolean;
  revoke: boolean;
  /** The admin's own session when this page shows the admin themselves, else null. */
  own: string | null;
}

/**
 * The user's live sessions with `sessions:read`; revoking one or all when the server allows it.
 * On their own page an admin sees which session is this one, and is told before signing it out.
 * Returns the reload, for actions that end sessions elsewhere on the page.
 */
export function wireUserSessions(userId: string, admin: AdminContext, actions: AdminUserActions): () => Promise<void> {
  const part: SessionsPart = {
    userId,
    read: admin.can("sessions:read"),
    revoke: actions.revokeSessions,
    own: userId === admin.user.id ? admin.sessionId : null,
  };
  if (!part.read && !part.revoke) return async () => undefined;
  byId("sessions-card", HTMLElement).hidden = false;
  const revokeAll = byId("revoke-all", HTMLButtonElement);
  revokeAll.hidden = !part.revoke;
  const everything: Confirmation = {
    question: t("adminUser.sessions.everyQuestion"),
    consequence: t(part.own ? "adminUser.sessions.everyOwn" : "adminUser.sessions.everyOther"),
    confirm: t("adminUser.sessions.revokeAll"),
  };
  const revokeEvery = () => api(client.DELETE("/api/admin/users/{id}/sessions", { params: { path: { id: userId } } }));
  revokeAll.addEventListener("click", () => void act(part, revokeAll, revokeEvery, everything, part.own ? "logout-all" : null, (data) => plural("adminUser.sessions.revoked", data.revoked)));
  return () => load(part);
}

async function load(part: SessionsPart): Promise<void> {
  if (!part.read) return;
  const result = await api(client.GET("/api/admin/users/{id}/sessions", { params: { path: { id: part.userId } } }));
  if (!result.ok) {
    actionFailed(result, byId("sessions-status", HTMLElement));
    return;
  }
  const sessions = [...result.data.sessions].sort((a, b) => Number(b.id === part.own) - Number(a.id === part.own));
  const rows = sessions.map((session) => row(part, session));
  byId("sessions", HTMLUListElement).replaceChildren(...(rows.length > 0 ? rows : [element("li", t("adminUser.sessions.none"), "muted")]));
  byId("revoke-all", HTMLButtonElement).hidden = !part.revoke || sessions.length === 0;
}

function row(part: SessionsPart, session: AdminSession): HTMLLIElement {
  const item = element("li", undefined, "session-item");
  const label = element("div");
  label.id = `session-${session.id}`;
  const device = describeUserAgent(session.userAgent);
  const mine = session.id === part.own;
  label.append(element("strong", device));
  if (mine) label.append(element("span", t("adminUser.sessions.you"), "badge"));
  label.append(element("div", rowText(session), "muted"));
  item.append(label);
  if (part.revoke) {
    const button = element("button", t("common.revoke"), "danger");
    button.type = "button";
    button.setAttribute("aria-describedby", label.id);
    const revoke = () => api(client.DELETE("/api/admin/users/{id}/sessions/{sid}", { params: { path: { id: part.userId, sid: session.id } } }));
    const asked: Confirmation = {
      question: mine ? t("adminUser.sessions.ownQuestion") : t("sessions.question", { device }),
      consequence: mine ? t("adminUser.sessions.ownConsequence") : t("adminUser.sessions.consequence", { device }),
      confirm: t("adminUser.sessions.confirm"),
    };
    button.addEventListener("click", () => void act(part, button, revoke, asked, mine ? "logout" : null, () => t("sessions.revoked", { device })));
    item.append(button);
  }
  return item;
}

/** When and from where the session signed in, and when it was last active. */
function rowText(session: AdminSession): string {
  const times = { time: formatTime(session.createdAt), ago: timeAgo(session.lastSeenAt) };
  return session.ip ? t("adminUser.sessions.rowFrom", { ...times, ip: session.ip }) : t("sessions.row", times);
}

async function act<T>(
  part: SessionsPart,
  button: HTMLButtonElement,
  call: () => Promise<ApiResult<T>>,
  asked: Confirmation,
  /** How the admin leaves when this ends their own session; null when it does not. */
  endsOwn: Leaving | null,
  done: (data: T) => string,
): Promise<void> {
  if (!(await confirmAction(asked))) return;
  const status = byId("sessions-status", HTMLElement);
  button.disabled = true;
  const result = await call();
  button.disabled = false;
  // The admin signed themselves out: the sign-in page says so, rather than a 401 on the next click.
  if (result.ok && endsOwn !== null) return goToLogin(endsOwn);
  if (!result.ok && result.problem.code === "UNAUTHENTICATED") return actionFailed(result, status);
  // The list is redrawn before the outcome is announced, so the two never disagree.
  await load(part);
  if (result.ok) setStatus(status, done(result.data), "success");
  else setStatus(status, problemMessage(result), "error");
}
