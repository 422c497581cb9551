import * as z from "zod";
import type { Context } from "hono";
import { hasPermission, HttpProblem } from "@workers-users/shared";
import { listAudit, usersById } from "../../db/audit";
import { findUserByEmail } from "../../db/users";
import { createRouter } from "../../router";
import { json } from "../../schemas";
import type { AppEnv } from "../../types";
import { AUDIT_ACTIONS } from "../../users/audit";
import { currentSession } from "../../middleware/session";
import { normalizeEmail } from "../../users/email-address";
import { adminRoute } from "./admin-route";
import { auditCsv } from "./audit-csv";

const PAGE_SIZE = 100;
/** The most rows one export holds; narrow the filters (or the time range) for older ones. */
export const EXPORT_MAX_ROWS = 10_000;
const UnixTime = z.coerce.number().int().min(0).max(2 ** 40);

const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.number().int(),
    actorId: z.string().nullable(),
    action: z.string(),
    target: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "AuditEntry" });

const Filters = z.object({
  actor: z.string().max(320).optional(),
  target: z.string().max(320).optional(),
  action: z.string().regex(/^[a-z][a-z_.]{0,63}$/).optional(),
  since: UnixTime.optional(),
  until: UnixTime.optional(),
});

const route = adminRoute("audit:read", {
  method: "get",
  operationId: "listAuditEntries",
  path: "/audit",
  summary: "The audit log, newest first; `action` matches a dotted prefix (`auth.login`)",
  description:
    "`actor` and `target` take a user id, or (with users:read) an email address. With users:read the answer names the users of the page (`users`: id → email and name). `actions` lists every action the Worker records.",
  request: { query: Filters.extend({ cursor: z.string().regex(/^\d{1,15}$/, "Unknown cursor").optional() }) },
  responses: {
    200: json(
      z.object({
        entries: z.array(AuditEntry),
        nextCursor: z.string().nullable(),
        users: z.record(z.string(), z.object({ email: z.string(), name: z.string().nullable() })),
        actions: z.array(z.string()),
      }),
      "A page of entries",
    ),
  },
});

const exportRoute = adminRoute("audit:read", {
  method: "get",
  operationId: "exportAuditEntries",
  path: "/audit/export",
  summary: `The entries the filters select as CSV, newest first, at most ${EXPORT_MAX_ROWS}`,
  description: "Emails of actors and targets only with users:read. Cells a spreadsheet would read as formulas start with a quote.",
  request: { query: Filters },
  responses: { 200: { description: "text/csv, a download (audit.csv)", content: { "text/csv": { schema: z.string() } } } },
});

const mayReadUsers = (c: Context<AppEnv>) => hasPermission(currentSession(c).user.permissions, "users:read");

/** The filters as the store takes them: an email becomes that user's id (nobody's id when there is no such user). */
async function resolve(c: Context<AppEnv>, filter: z.infer<typeof Filters>) {
  if (filter.since !== undefined && filter.until !== undefined && filter.since > filter.until) {
    throw new HttpProblem("VALIDATION_FAILED", { errors: [{ path: "since", message: "since is after until" }] });
  }
  const byEmail = async (value: string | undefined, path: string) => {
    if (value === undefined || !value.includes("@")) return value;
    // Without users:read an address would tell whether it has an account.
    if (!mayReadUsers(c)) throw new HttpProblem("VALIDATION_FAILED", { errors: [{ path, message: "Use the user's id: finding users by email needs users:read." }] });
    return (await findUserByEmail(c.env.DB, normalizeEmail(value)))?.id ?? "-";
  };
  return { ...filter, actor: await byEmail(filter.actor, "actor"), target: await byEmail(filter.target, "target") };
}

async function namesOf(c: Context<AppEnv>, entries: { actorId: string | null; target: string | null }[]) {
  if (!mayReadUsers(c)) return {};
  return usersById(c.env.DB, entries.flatMap((e) => [e.actorId, e.target]).filter((id): id is string => id !== null && !id.startsWith("role:")));
}

export const adminAudit = createRouter()
  .openapi(route, async (c) => {
    const { cursor, ...query } = c.req.valid("query");
    const filter = await resolve(c, query);
    const rows = await listAudit(c.env.DB, { ...filter, before: cursor === undefined ? undefined : Number(cursor) }, PAGE_SIZE + 1);
    const entries = rows.slice(0, PAGE_SIZE);
    const nextCursor = rows.length > PAGE_SIZE ? String(entries.at(-1)!.id) : null;
    return c.json({ entries, nextCursor, users: await namesOf(c, entries), actions: [...AUDIT_ACTIONS] }, 200);
  })
  .openapi(exportRoute, async (c) => {
    const entries = await listAudit(c.env.DB, await resolve(c, c.req.valid("query")), EXPORT_MAX_ROWS);
    return c.body(auditCsv(entries, await namesOf(c, entries)), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="audit.csv"',
    });
  });
