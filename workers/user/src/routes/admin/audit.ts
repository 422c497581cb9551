import * as z from "zod";
import { HttpProblem } from "@workers-users/shared";
import { listAudit } from "../../db/audit";
import { createRouter } from "../../router";
import { json } from "../../schemas";
import { adminRoute } from "./admin-route";

const PAGE_SIZE = 100;
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

const route = adminRoute("audit:read", {
  method: "get",
  path: "/audit",
  summary: "The audit log, newest first; `action` matches a dotted prefix (`auth.login`)",
  request: {
    query: z.object({
      actor: z.string().max(64).optional(),
      target: z.string().max(100).optional(),
      action: z.string().regex(/^[a-z][a-z_.]{0,63}$/).optional(),
      since: UnixTime.optional(),
      until: UnixTime.optional(),
      cursor: z.string().regex(/^\d{1,15}$/, "Unknown cursor").optional(),
    }),
  },
  responses: { 200: json(z.object({ entries: z.array(AuditEntry), nextCursor: z.string().nullable() }), "A page of entries") },
});

export const adminAudit = createRouter().openapi(route, async (c) => {
  const { cursor, ...filter } = c.req.valid("query");
  if (filter.since !== undefined && filter.until !== undefined && filter.since > filter.until) {
    throw new HttpProblem("VALIDATION_FAILED", { errors: [{ path: "since", message: "since is after until" }] });
  }
  const rows = await listAudit(c.env.DB, { ...filter, before: cursor === undefined ? undefined : Number(cursor) }, PAGE_SIZE + 1);
  const entries = rows.slice(0, PAGE_SIZE);
  const nextCursor = rows.length > PAGE_SIZE ? String(entries.at(-1)!.id) : null;
  return c.json({ entries, nextCursor }, 200);
});
