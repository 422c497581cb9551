import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AdminUser, AdminUserActions } from "@workers-users/shared";
import { call, outbox, PASSWORD, problemOf } from "../helpers";
import { json, signedInAdmin, signedInWith } from "../admin/fixtures";
import { auditOf, enrolTotp, userWithTotp } from "./support";

describe("admin: two-step verification per user", () => {
  it("shows each user's status, in the list and the user view, and the reset action", async () => {
    const admin = await signedInAdmin();
    const user = await userWithTotp("shown");
    const one = await json<{ user: AdminUser; actions: AdminUserActions }>(await call("GET", `/api/admin/users/${user.id}`, { cookie: admin.cookie }));
    expect(one.user.mfa).toEqual({ totp: true, recoveryCodesLeft: 10, passkeys: 0 });
    expect(one.actions.resetMfa).toBe(true);
    // Part of the address: the unique id in it (a whole address is longer than D1's LIKE patterns may be).
    const list = await json<{ users: AdminUser[] }>(await call("GET", `/api/admin/users?q=${user.email.slice(6, 30)}`, { cookie: admin.cookie }));
    expect(list.users.map((u) => u.mfa)).toEqual([{ totp: true, recoveryCodesLeft: 10, passkeys: 0 }]);
    const plain = await json<{ user: AdminUser }>(await call("GET", `/api/admin/users/${admin.id}`, { cookie: admin.cookie }));
    expect(plain.user.mfa).toEqual({ totp: false, recoveryCodesLeft: 0, passkeys: 0 });
  });

  it("a reset deletes the secret and the codes, is audited, and the user is told by email; the password alone signs in", async () => {
    const admin = await signedInAdmin();
    const user = await userWithTotp("reset");
    const res = await call("DELETE", `/api/admin/users/${user.id}/mfa`, { cookie: admin.cookie });
    expect(await res.json()).toEqual({ reset: true });
    for (const table of ["mfa_totp", "mfa_recovery_codes"]) {
      expect(await env.DB.prepare(`SELECT 1 FROM ${table} WHERE user_id = ?`).bind(user.id).first(), table).toBeNull();
    }
    expect((await auditOf(user.id)).find((e) => e.action === "user.mfa_reset")).toMatchObject({ actor_id: admin.id });
    expect((await outbox(user.email)).map((m) => m.subject)).toContain("Two-step verification was reset");
    expect(await (await call("POST", "/api/auth/login", { body: { email: user.email, password: PASSWORD } })).json()).toHaveProperty("user");
    // The user can set it up again.
    expect((await enrolTotp(user.cookie)).recoveryCodes).toHaveLength(10);
  });

  it("is refused on a user holding more than the admin does, and changes nothing", async () => {
    const member = await signedInWith(["users:read", "users:write"], "helpdesk");
    const root = await signedInAdmin();
    await enrolTotp(root.cookie);
    const res = await call("DELETE", `/api/admin/users/${root.id}/mfa`, { cookie: member.cookie });
    expect((await problemOf(res)).code).toBe("FORBIDDEN");
    expect(await env.DB.prepare("SELECT confirmed_at FROM mfa_totp WHERE user_id = ?").bind(root.id).first()).not.toBeNull();
    expect((await auditOf(root.id)).map((e) => e.action)).not.toContain("user.mfa_reset");
    // Without users:write, not at all.
    const reader = await signedInWith(["users:read"], "reader");
    expect((await call("DELETE", `/api/admin/users/${member.id}/mfa`, { cookie: reader.cookie })).status).toBe(403);
  });
});
