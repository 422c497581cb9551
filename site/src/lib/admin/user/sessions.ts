import { api, problemMessage } from "../../api";
import { byId, element, setStatus } from "../../dom";
import { formatTime, timeAgo } from "../../time";
import { describeUserAgent } from "../../user-agent";
import type { Can } from "../access";
import { actionFailed } from "../page";
import type { AdminSession, AdminUserActions } from "../types";

interface SessionsPart {
  base: string;
  read: boolean;
  revoke: boolean;
}

/**
 * The user's live sessions with `sessions:read`; revoking one or all when the server allows it.
 * Returns the reload, for actions that end sessions elsewhere on the page.
 */
export function wireUserSessions(userId: string, can: Can, actions: AdminUserActions): () => Promise<void> {
  const part = { base: `/api/admin/users/${encodeURIComponent(userId)}/sessions`, read: can("sessions:read"), revoke: actions.revokeSessions };
  if (!part.read && !part.revoke) return async () => undefined;
  byId("sessions-card", HTMLElement).hidden = false;
  const revokeAll = byId("revoke-all", HTMLButtonElement);
  revokeAll.hidden = !part.revoke;
  revokeAll.addEventListener("click", () => void act(part, revokeAll, part.base, (data) => {
    const count = data?.revoked ?? 0;
    return count === 1 ? "Revoked 1 session." : `Revoked ${count} sessions.`;
  }));
  return () => load(part);
}

async function load(part: SessionsPart): Promise<void> {
  if (!part.read) return;
  const result = await api<{ sessions: AdminSession[] }>("GET", part.base);
  if (!result.ok) {
    actionFailed(result, byId("sessions-status", HTMLElement));
    return;
  }
  const { sessions } = result.data;
  const rows = sessions.map((session) => row(part, session));
  byId("sessions", HTMLUListElement).replaceChildren(...(rows.length > 0 ? rows : [element("li", "Not signed in anywhere.", "muted")]));
  byId("revoke-all", HTMLButtonElement).hidden = !part.revoke || sessions.length === 0;
}

function row(part: SessionsPart, session: AdminSession): HTMLLIElement {
  const item = element("li", undefined, "session-item");
  const label = element("div");
  label.id = `session-${session.id}`;
  const where = session.ip ? ` · from ${session.ip}` : "";
  label.append(
    element("strong", describeUserAgent(session.userAgent)),
    element("div", `Signed in ${formatTime(session.createdAt)} · active ${timeAgo(session.lastSeenAt)}${where}`, "muted"),
  );
  item.append(label);
  if (part.revoke) {
    const button = element("button", "Revoke", "danger");
    button.type = "button";
    button.setAttribute("aria-describedby", label.id);
    const path = `${part.base}/${encodeURIComponent(session.id)}`;
    button.addEventListener("click", () => void act(part, button, path, () => `Signed out ${describeUserAgent(session.userAgent)}.`));
    item.append(button);
  }
  return item;
}

async function act(part: SessionsPart, button: HTMLButtonElement, path: string, done: (data?: { revoked?: number }) => string): Promise<void> {
  const status = byId("sessions-status", HTMLElement);
  button.disabled = true;
  const result = await api<{ revoked?: number }>("DELETE", path);
  button.disabled = false;
  if (!result.ok && result.problem.code === "UNAUTHENTICATED") return actionFailed(result, status);
  // The list is redrawn before the outcome is announced, so the two never disagree.
  await load(part);
  if (result.ok) setStatus(status, done(result.data), "success");
  else setStatus(status, problemMessage(result), "error");
}
