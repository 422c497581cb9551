import { api, type ApiResult, client, problemMessage } from "../../api";
import { type Confirmation, confirmAction } from "../../confirm";
import { byId, element, setStatus } from "../../dom";
import { goToLogin, type Leaving } from "../../session";
import { formatTime, timeAgo } from "../../time";
import { describeUserAgent } from "../../user-agent";
import type { AdminContext } from "../page";
import { actionFailed } from "../page";
import type { AdminSession, AdminUserActions } from "../types";

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
    question: "Revoke every session?",
    consequence: part.own ? "Every device of yours is signed out, this one included: you will sign in again." : "Every device of this user is signed out at once.",
    confirm: "Revoke all sessions",
  };
  const revokeEvery = () => api(client.DELETE("/api/admin/users/{id}/sessions", { params: { path: { id: userId } } }));
  revokeAll.addEventListener("click", () => void act(part, revokeAll, revokeEvery, everything, part.own ? "logout-all" : null, (data) => {
    const count = data.revoked;
    return count === 1 ? "Revoked 1 session." : `Revoked ${count} sessions.`;
  }));
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
  byId("sessions", HTMLUListElement).replaceChildren(...(rows.length > 0 ? rows : [element("li", "Not signed in anywhere.", "muted")]));
  byId("revoke-all", HTMLButtonElement).hidden = !part.revoke || sessions.length === 0;
}

function row(part: SessionsPart, session: AdminSession): HTMLLIElement {
  const item = element("li", undefined, "session-item");
  const label = element("div");
  label.id = `session-${session.id}`;
  const where = session.ip ? ` · from ${session.ip}` : "";
  const device = describeUserAgent(session.userAgent);
  const mine = session.id === part.own;
  label.append(element("strong", device));
  if (mine) label.append(element("span", "This device (you)", "badge"));
  label.append(element("div", `Signed in ${formatTime(session.createdAt)} · active ${timeAgo(session.lastSeenAt)}${where}`, "muted"));
  item.append(label);
  if (part.revoke) {
    const button = element("button", "Revoke", "danger");
    button.type = "button";
    button.setAttribute("aria-describedby", label.id);
    const revoke = () => api(client.DELETE("/api/admin/users/{id}/sessions/{sid}", { params: { path: { id: part.userId, sid: session.id } } }));
    const asked: Confirmation = {
      question: mine ? "Sign yourself out here?" : `Sign out ${device}?`,
      consequence: mine ? "This is the session you are using: this page signs out with it." : `The session on ${device} ends at once.`,
      confirm: "Revoke the session",
    };
    button.addEventListener("click", () => void act(part, button, revoke, asked, mine ? "logout" : null, () => `Signed out ${device}.`));
    item.append(button);
  }
  return item;
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
