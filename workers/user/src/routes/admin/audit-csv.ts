import type { AuditEntry } from "@workers-users/shared";

const COLUMNS = ["id", "time", "action", "actor_id", "actor_email", "target", "target_email", "ip", "user_agent", "detail"];

/**
 * One CSV field (RFC 4180): quoted when it must be. A leading = + - @ (or tab, CR) would
 * be a formula to a spreadsheet: it gets a quote character in front (OWASP CSV injection).
 */
function field(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The entries as CSV with a header row; emails only for the users `emails` holds (none without users:read). */
export function auditCsv(entries: AuditEntry[], emails: Record<string, { email: string }>): string {
  const lines = entries.map((e) =>
    [
      e.id,
      new Date(e.at * 1000).toISOString(),
      e.action,
      e.actorId,
      e.actorId === null ? null : (emails[e.actorId]?.email ?? null),
      e.target,
      e.target === null ? null : (emails[e.target]?.email ?? null),
      e.ip,
      e.userAgent,
      JSON.stringify(e.detail),
    ]
      .map(field)
      .join(","),
  );
  return `${[COLUMNS.join(","), ...lines].join("\r\n")}\r\n`;
}
