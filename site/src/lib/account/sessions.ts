import { api, client, problemMessage } from "../api";
import { confirmAction } from "../confirm";
import { byId, element, setStatus } from "../dom";
import { leaveIfSignedOut } from "../session";
import { formatTime, timeAgo } from "../time";
import { describeUserAgent } from "../user-agent";
import { t } from "../../i18n";

interface SessionRow {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  userAgent: string | null;
  current: boolean;
}

/** Fetches and shows every session of the user, this device first. */
export async function loadSessions(): Promise<void> {
  const status = byId("sessions-status", HTMLElement);
  const result = await api(client.GET("/api/account/sessions"));
  if (!result.ok) {
    if (!leaveIfSignedOut(result)) setStatus(status, problemMessage(result), "error");
    return;
  }
  const rows = [...result.data.sessions].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt - a.lastSeenAt);
  byId("sessions", HTMLUListElement).replaceChildren(...rows.map(renderRow));
}

function renderRow(row: SessionRow): HTMLLIElement {
  const item = element("li", undefined, "session-item");
  const label = element("div");
  label.id = `session-${row.id}`;
  const title = element("strong", describeUserAgent(row.userAgent));
  label.append(title);
  if (row.current) label.append(element("span", t("account.sessions.thisDevice"), "badge"));
  label.append(element("div", t("sessions.row", { time: formatTime(row.createdAt), ago: timeAgo(row.lastSeenAt) }), "muted"));
  item.append(label);
  if (!row.current) {
    const button = element("button", t("common.revoke"), "danger");
    button.type = "button";
    button.setAttribute("aria-describedby", label.id);
    button.addEventListener("click", () => void revoke(row, button));
    item.append(button);
  }
  return item;
}

async function revoke(row: SessionRow, button: HTMLButtonElement): Promise<void> {
  const device = describeUserAgent(row.userAgent);
  const asked = { question: t("sessions.question", { device }), consequence: t("account.sessions.consequence", { device }), confirm: t("account.sessions.confirm") };
  if (!(await confirmAction(asked))) return;
  const status = byId("sessions-status", HTMLElement);
  button.disabled = true;
  const result = await api(client.DELETE("/api/account/sessions/{id}", { params: { path: { id: row.id } } }));
  if (!result.ok && leaveIfSignedOut(result)) return;
  // The list is redrawn before the outcome is announced, so the two never disagree.
  await loadSessions();
  if (result.ok) setStatus(status, t("sessions.revoked", { device }), "success");
  else setStatus(status, problemMessage(result), "error");
}
