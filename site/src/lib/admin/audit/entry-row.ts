import { element } from "../../dom";
import { describeUserAgent } from "../../user-agent";
import type { Can } from "../access";
import { idOf, tableRow, timeOf } from "../table";
import { type AuditEntry, userPath } from "../types";

/** One audit entry; user ids link to the user's page for a reader who may open it. */
export function entryRow(entry: AuditEntry, can: Can): HTMLTableRowElement {
  const code = element("code", entry.action);
  return tableRow([
    ["When", timeOf(entry.at)],
    ["Action", code],
    ["Actor", entry.actorId === null ? "System" : userLink(entry.actorId, can)],
    ["Target", entry.target === null ? "—" : entry.target.startsWith("role:") ? entry.target : userLink(entry.target, can)],
    ["Client", [entry.ip, entry.userAgent === null ? null : describeUserAgent(entry.userAgent)].filter(Boolean).join(" · ") || "—"],
    ["Details", describeDetail(entry.detail)],
  ]);
}

function userLink(id: string, can: Can): Node {
  return idOf(id, can("users:read") ? userPath(id) : undefined);
}

function describeDetail(detail: Record<string, unknown>): string {
  const parts = Object.entries(detail).map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return parts.length > 0 ? parts.join(", ") : "—";
}
