import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AuditEntry } from "@workers-users/shared";
import { call, login, PASSWORD, verifiedUser } from "../helpers";
import { json, roleWith, signedInAdmin, signedInWith } from "./fixtures";

async function entries(cookie: string, query = ""): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
  const res = await call("GET", `/api/admin/audit${query}`, { cookie });
  expect(res.status).toBe(200);
  return json(res);
}

describe("audit log", () => {
  it("records logins, failures, role changes and revocations with who, whom and from where", async () => {
    const admin = await signedInAdmin();
    const member = await signedInWith([], "member");
    await call("POST", "/api/auth/login", { body: { email: member.email, password: "wrong password!!" }, headers: { "cf-connecting-ip": "203.0.113.9", "user-agent": "probe/1" } });
    const role = await roleWith(["users:read"]);
    await call("POST", `/api/admin/users/${member.id}/roles`, { cookie: admin.cookie, body: { role } });
    await call("DELETE", `/api/admin/users/${member.id}/sessions`, { cookie: admin.cookie });

    const { entries: forMember } = await entries(admin.cookie, `?target=${member.id}`);
    const actions = forMember.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.login.succeeded", "auth.login.failed", "role.assigned", "sessions.revoked"]));
    const failed = forMember.find((e) => e.action === "auth.login.failed")!;
    expect(failed).toMatchObject({ ip: "203.0.113.9", userAgent: "probe/1", actorId: null });
    const assigned = forMember.find((e) => e.action === "role.assigned")!;
    expect(assigned).toMatchObject({ actorId: admin.id, detail: { role } });
  });

  it("records a failed login of an address without an account, but never the address typed", async () => {
    const typed = `nobody-${crypto.randomUUID()}@example.com`;
    await call("POST", "/api/auth/login", { body: { email: typed, password: "wrong password!!" }, headers: { "cf-connecting-ip": "203.0.113.10" } });
    const row = await env.DB.prepare("SELECT target, detail FROM audit_log WHERE action = 'auth.login.failed' AND ip = '203.0.113.10'").first();
    expect(row).toEqual({ target: null, detail: "{}" });
    const mentions = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE instr(detail, ?) > 0").bind(typed).first<{ n: number }>();
    expect(mentions!.n).toBe(0);
  });

  it("filters by actor and by dotted action prefix, and pages with a cursor", async () => {
    const admin = await signedInAdmin();
    for (let i = 0; i < 3; i++) await login(admin.email);
    const byPrefix = await entries(admin.cookie, `?actor=${admin.id}&action=auth.login`);
    expect(byPrefix.entries.length).toBeGreaterThanOrEqual(4);
    expect(byPrefix.entries.every((e) => e.action.startsWith("auth.login") && e.actorId === admin.id)).toBe(true);
    const ids = byPrefix.entries.map((e) => e.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const older = await entries(admin.cookie, `?actor=${admin.id}&cursor=${ids[1]}`);
    expect(older.entries.every((e) => e.id < ids[1]!)).toBe(true);
    expect((await call("GET", "/api/admin/audit?cursor=abc", { cookie: admin.cookie })).status).toBe(400);
    expect((await call("GET", "/api/admin/audit?since=10&until=5", { cookie: admin.cookie })).status).toBe(400);
  });

  it("names actors and targets by email for a reader with users:read, takes an email as a filter, and lists the actions", async () => {
    const admin = await signedInAdmin();
    const member = await signedInWith([], "named");
    await call("POST", `/api/admin/users/${member.id}/unlock`, { cookie: admin.cookie });
    const page = await json<{ entries: AuditEntry[]; users: Record<string, { email: string }>; actions: string[] }>(
      await call("GET", `/api/admin/audit?actor=${encodeURIComponent(admin.email)}&action=user.unlocked`, { cookie: admin.cookie }),
    );
    expect(page.entries.map((e) => e.target)).toContain(member.id);
    expect(page.users[member.id]!.email).toBe(member.email);
    expect(page.users[admin.id]!.email).toBe(admin.email);
    expect(page.actions).toEqual(expect.arrayContaining(["auth.login.failed", "user.unlocked", "email.changed"]));
    // Without users:read: ids only, and an email is no filter (it would tell which addresses have accounts).
    const auditor = await signedInWith(["audit:read"], "auditor");
    const bare = await json<{ users: Record<string, unknown> }>(await call("GET", `/api/admin/audit?target=${member.id}`, { cookie: auditor.cookie }));
    expect(bare.users).toEqual({});
    expect((await call("GET", `/api/admin/audit?actor=${encodeURIComponent(admin.email)}`, { cookie: auditor.cookie })).status).toBe(400);
  });

  it("exports the filtered entries as a CSV download, formulas neutralised", async () => {
    const admin = await signedInAdmin();
    const member = await signedInWith([], "csv");
    await call("POST", `/api/admin/users/${member.id}/roles`, { cookie: admin.cookie, body: { role: await roleWith(["users:read"]) } });
    await env.DB.prepare("INSERT INTO audit_log (at, action, target, user_agent) VALUES (unixepoch(), 'user.updated', ?, '=HYPERLINK(\"x\")')").bind(member.id).run();
    const res = await call("GET", `/api/admin/audit/export?target=${member.id}`, { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    // The Worker's security headers are set, and the download keeps its own name (not api.json).
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="audit.csv"');
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    const [header, ...lines] = (await res.text()).trimEnd().split("\r\n");
    expect(header).toBe("id,time,action,actor_id,actor_email,target,target_email,ip,user_agent,detail");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toContain(`,user.updated,,,${member.id},${member.email},,"'=HYPERLINK(""x"")",{}`);
    expect(lines.some((line) => line.includes(`role.assigned,${admin.id},${admin.email},${member.id}`))).toBe(true);
  });

  it("never stores a password or a token", async () => {
    const email = await verifiedUser("secretive");
    await call("POST", "/api/auth/login", { body: { email, password: "wrong but secret-ish" } });
    const cookie = await login(email, PASSWORD);
    await call("POST", "/api/auth/change-password", { cookie, body: { currentPassword: PASSWORD, newPassword: "another long secret" } });
    const { results } = await env.DB.prepare("SELECT * FROM audit_log").all();
    const dump = JSON.stringify(results);
    for (const secret of [PASSWORD, "wrong but secret-ish", "another long secret", cookie.split("=")[1]!]) expect(dump).not.toContain(secret);
  });
});
