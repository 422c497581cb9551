import { element } from "../../dom";
import { describeUserAgent } from "../../user-agent";
import type { Can } from "../access";
import { idOf, link, tableRow, timeOf } from "../table";
import { type AuditEntry, userPath } from "../types";
import { t } from "../../../i18n";

/** Users of a page of entries by id, as the API names them for a reader with users:read. */
export type AuditUsers = Readonly<Record<string, { email: string; name: string | null }>>;

/** One audit entry; users by their email (a link to their page for a reader who may open it), else a short id. */
export function entryRow(entry: AuditEntry, can: Can, users: AuditUsers): HTMLTableRowElement {
  const code = element("code", entry.action);
  return tableRow([
    [t("audit.when"), timeOf(entry.at)],
    [t("audit.action"), code],
    [t("audit.actor"), entry.actorId === null ? t("audit.system") : userCell(entry.actorId, can, users)],
    [t("audit.target"), entry.target === null ? "—" : entry.target.startsWith("role:") ? entry.target : userCell(entry.target, can, users)],
    [t("audit.client"), [entry.ip, entry.userAgent === null ? null : describeUserAgent(entry.userAgent)].filter(Boolean).join(" · ") || "—"],
    [t("audit.details"), describeDetail(entry.detail)],
  ]);
}

function userCell(id: string, can: Can, users: AuditUsers): Node {
  const href = can("users:read") ? userPath(id) : undefined;
  const known = users[id];
  if (known) return href ? link(known.email, href) : element("span", known.email);
  // A deleted user, or a reader without users:read: the id, shortened, whole on hover.
  const short = idOf(id.length > 13 ? `${id.slice(0, 8)}…` : id, href);
  short.title = id;
  return short;
}

function describeDetail(detail: Record<string, unknown>): string {
  const parts = Object.entries(detail).map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return parts.length > 0 ? parts.join(", ") : "—";
}
