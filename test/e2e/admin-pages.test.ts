import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import type { AdminUser, AdminUserActions } from "@workers-users/shared";
import { openPage, useBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = useBrowser();

// What the pages do with the API's answers, without minting 50 users: the API is
// answered from here, and the session claims the permissions the case needs.
async function withSession(page: Page, permissions: string[]): Promise<void> {
  const user = { id: "u-self", email: "reader@example.com", name: null, emailVerified: true, roles: ["reader"], permissions };
  await page.route("**/api/auth/session", (route) =>
    route.fulfill({ json: { user, session: { id: "s1", createdAt: 1_700_000_000, expiresAt: 1_800_000_000 } } }),
  );
}

function adminUser(n: number): AdminUser {
  return { id: `u${n}`, email: `user-${n}@example.com`, name: null, emailVerified: true, disabled: false, roles: ["user"], createdAt: 1_700_000_000 - n, lockedUntil: null, lastSignInAt: null, mfa: { totp: false, recoveryCodesLeft: 0, passkeys: 0 } };
}

const EVERY_ADMIN_PERMISSION = ["users:read", "users:write", "users:delete", "roles:read", "roles:assign", "sessions:read", "sessions:revoke"];
const NOTHING: AdminUserActions = { rename: false, disable: false, delete: false, unlock: false, changeRoles: false, revokeSessions: false, sendLinks: false, resetMfa: false };

/** A user's page whose API answers with `user` and `actions`; its sessions list holds one session. */
async function userPage(page: Page, user: AdminUser, actions: AdminUserActions): Promise<void> {
  await page.route(`**/api/admin/users/${user.id}`, (route) => route.fulfill({ json: { user, actions } }));
  const session = { id: "s-1", createdAt: 1_700_000_000, lastSeenAt: 1_700_000_000, expiresAt: 1_900_000_000, userAgent: null, ip: null };
  await page.route(`**/api/admin/users/${user.id}/sessions`, (route) => route.fulfill({ json: { sessions: [session] } }));
  await page.route("**/api/admin/roles", (route) => route.fulfill({ json: { roles: [], catalogue: [] } }));
}

function problem(status: number, code: string, title: string) {
  return { status, contentType: "application/problem+json", body: JSON.stringify({ type: "about:blank", title, status, code }) };
}

describe("admin pages and the API's answers", () => {
  it("asks for the next page of users with the cursor it was given, and stops when there is none", async () => {
    const { page, problems } = await openPage(browser());
    await withSession(page, ["users:read"]);
    const asked: string[] = [];
    await page.route("**/api/admin/users?*", (route) => {
      const url = new URL(route.request().url());
      asked.push(url.search);
      const second = url.searchParams.get("cursor") === "next-1";
      const users = second ? [adminUser(3)] : [adminUser(1), adminUser(2)];
      return route.fulfill({ json: { users, nextCursor: second ? null : "next-1" } });
    });
    await page.route("**/api/admin/users", (route) => route.fulfill({ json: { users: [adminUser(1), adminUser(2)], nextCursor: "next-1" } }));
    await page.goto(`${baseUrl}/admin`);
    await page.waitForURL(`${baseUrl}/admin/users`);
    await page.getByText("2 users. There are more.").waitFor();
    expect(await page.getByRole("navigation", { name: "Admin" }).getByRole("link").allTextContents()).toEqual(["Users", "Your account"]);
    await page.getByRole("button", { name: "More users" }).click();
    await page.getByText("3 users.", { exact: true }).waitFor();
    expect(await page.locator("#users-rows tr").count()).toBe(3);
    expect(await page.getByRole("button", { name: "More users" }).isHidden()).toBe(true);
    expect(asked).toEqual(["?cursor=next-1"]);
    expect(problems).toEqual([]);
  });

  it("pages to older audit entries, keeping the filters", async () => {
    const { page, problems } = await openPage(browser());
    await withSession(page, ["audit:read"]);
    const asked: string[] = [];
    await page.route("**/api/admin/audit*", (route) => {
      const url = new URL(route.request().url());
      asked.push(url.search);
      const older = url.searchParams.has("cursor");
      const entry = { id: older ? 1 : 2, at: 1_700_000_000, actorId: null, action: "auth.login.failed", target: null, ip: null, userAgent: null, detail: {} };
      return route.fulfill({ json: { entries: [entry], nextCursor: older ? null : "1" } });
    });
    await page.goto(`${baseUrl}/admin/audit?action=auth.login`);
    await page.getByText("1 entry. Older ones exist.").waitFor();
    expect(await page.getByLabel("Action").inputValue()).toBe("auth.login");
    await page.getByRole("button", { name: "Older entries" }).click();
    await page.getByText("2 entries.", { exact: true }).waitFor();
    expect(asked).toEqual(["?action=auth.login", "?action=auth.login&cursor=1"]);

    await page.getByLabel("Action").fill("Auth Login");
    await page.getByRole("button", { name: "Show entries" }).click();
    expect(await page.getByLabel("Action").getAttribute("aria-invalid")).toBe("true");
    expect(asked).toHaveLength(2);
    expect(problems).toEqual([]);
  });

  it("names the audit log's users by email, offers the actions as a list, and exports what the filters show", async () => {
    const { page, problems } = await openPage(browser());
    await withSession(page, ["audit:read", "users:read"]);
    const actor = "0f8c2a4e-9b1d-4c3a-8e7f-5a6b7c8d9e0f";
    const entry = { id: 9, at: 1_700_000_000, actorId: actor, action: "user.unlocked", target: "gone-7d1e2f3a-aaaa-bbbb-cccc-0123456789ab", ip: null, userAgent: null, detail: {} };
    const users = { [actor]: { email: "ada@example.com", name: "Ada" } };
    await page.route("**/api/admin/audit?*", (route) => route.fulfill({ json: { entries: [entry], nextCursor: null, users, actions: ["auth.login.failed", "user.unlocked"] } }));
    await page.goto(`${baseUrl}/admin/audit?action=user`);
    await page.getByText("1 entry.").waitFor();
    expect(await page.locator("#entries td[data-label=Actor]").textContent()).toBe("ada@example.com");
    expect(await page.locator("#entries td[data-label=Target] [title]").getAttribute("title")).toBe(entry.target);
    expect(await page.locator("#action-options option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(["auth.login.failed", "user.unlocked"]);
    expect(await page.getByRole("link", { name: "Export CSV" }).getAttribute("href")).toBe("/api/admin/audit/export?action=user");
    expect(problems).toEqual([]);
  });

  it("shows the no-access page when the API refuses with 403, even if the session claimed the permission", async () => {
    const { page, problems } = await openPage(browser());
    await withSession(page, ["roles:read"]);
    await page.route("**/api/admin/roles", (route) => route.fulfill(problem(403, "FORBIDDEN", "You do not have permission to do this")));
    await page.goto(`${baseUrl}/admin/roles`);
    await page.getByText("You do not have access to this page.").waitFor();
    expect(await page.locator("#content").isHidden()).toBe(true);
    expect(await page.getByRole("link", { name: "Back to your account" }).getAttribute("href")).toBe("/account");
    expect(problems).toEqual([]);
  });

  it("offers on a user's page only what the server says this admin may do to that user", async () => {
    const { page, problems } = await openPage(browser());
    await withSession(page, EVERY_ADMIN_PERMISSION);
    const stronger = { ...adminUser(7), roles: ["admin"] };
    await userPage(page, stronger, NOTHING);
    await page.goto(`${baseUrl}/admin/user?id=${stronger.id}`);
    await page.getByRole("heading", { level: 1, name: stronger.email }).waitFor();
    await page.getByText("Not signed in anywhere.").or(page.locator("#sessions li")).first().waitFor();
    for (const hidden of ["#name-form", "#role-form", "#state-card", "#delete-card", "#lock-card"]) {
      expect(await page.locator(hidden).isHidden(), hidden).toBe(true);
    }
    expect(await page.getByRole("button", { name: /Remove|Revoke|Disable|Unlock/ }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("filters users by status and role from the address bar, counts every match, and mails a user their links", async () => {
    const { page, problems } = await openPage(browser());
    await withSession(page, ["users:read", "users:write"]);
    const asked: string[] = [];
    const signedIn = { ...adminUser(4), emailVerified: false, lastSignInAt: 1_700_100_000 };
    await page.route("**/api/admin/users?*", (route) => {
      asked.push(new URL(route.request().url()).search);
      return route.fulfill({ json: { users: [signedIn, adminUser(5)], nextCursor: "more", total: 7 } });
    });
    await page.goto(`${baseUrl}/admin/users?status=unverified&role=user`);
    await page.getByText("Showing 2 of 7 users.").waitFor();
    expect(asked).toEqual(["?status=unverified&role=user"]);
    expect(await page.getByLabel("Status").inputValue()).toBe("unverified");
    expect(await page.locator("#users-rows td[data-label='Last sign-in']").allTextContents()).toEqual([expect.stringContaining("2023"), "—"]);

    await userPage(page, signedIn, { ...NOTHING, sendLinks: true });
    await page.route(`**/api/admin/users/${signedIn.id}/verification`, (route) => route.fulfill({ status: 202, json: { status: "sent" } }));
    await page.goto(`${baseUrl}/admin/user?id=${signedIn.id}`);
    await page.getByRole("button", { name: "Send a password reset link" }).waitFor();
    await page.getByRole("button", { name: "Send a new verification link" }).click();
    await page.getByText(`A new verification link is on its way to ${signedIn.email}.`).waitFor();
    expect(problems).toEqual([]);
  });

  it("shows a locked account and lifts the lock when allowed", async () => {
    const { page, problems } = await openPage(browser());
    await withSession(page, EVERY_ADMIN_PERMISSION);
    const locked = { ...adminUser(8), lockedUntil: Math.floor(Date.now() / 1000) + 900 };
    await userPage(page, locked, { ...NOTHING, unlock: true, rename: true, disable: true });
    await page.route(`**/api/admin/users/${locked.id}/unlock`, (route) =>
      route.fulfill({ json: { user: { ...locked, lockedUntil: null }, actions: { ...NOTHING, unlock: true } } }),
    );
    await page.goto(`${baseUrl}/admin/user?id=${locked.id}`);
    await page.getByText("Too many failed sign-ins").waitFor();
    await page.getByRole("button", { name: "Unlock sign-in" }).click();
    await page.getByText("Unlocked. The user can sign in from anywhere again.").waitFor();
    expect(await page.getByRole("button", { name: "Unlock sign-in" }).isHidden()).toBe(true);
    expect(await page.locator("#state-card").isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it("lets an admin edit only the permissions of roles they could grant, and tick only what they hold", async () => {
    const { page, problems } = await openPage(browser());
    await withSession(page, ["roles:read", "roles:write", "users:read"]);
    const roles = [
      { name: "admin", description: "", permissions: ["*"], members: 1, grantable: false },
      { name: "viewer", description: "", permissions: ["users:read"], members: 2, grantable: true },
    ];
    await page.route("**/api/admin/roles", (route) => route.fulfill({ json: { roles, catalogue: ["users:read", "users:write"] } }));
    await page.goto(`${baseUrl}/admin/roles`);
    const admin = page.locator("#role-card-admin");
    await admin.getByText("Edit admin").click();
    await admin.getByText("you can change only its description").waitFor();
    expect(await admin.getByRole("button", { name: "Save permissions" }).count()).toBe(0);
    const viewer = page.locator("#role-card-viewer");
    await viewer.getByText("Edit viewer").click();
    expect(await viewer.getByLabel("users:read", { exact: true }).isEnabled()).toBe(true);
    expect(await viewer.getByLabel("users:write", { exact: true }).isDisabled()).toBe(true);
    expect(await viewer.getByLabel("*", { exact: false }).first().isDisabled()).toBe(true);
    expect(problems).toEqual([]);
  });

  it("says what each permission means, and a ticked wildcard ticks what it covers and is saved alone", async () => {
    const { page, problems } = await openPage(browser());
    await withSession(page, ["roles:read", "roles:write", "users:read", "sessions:*"]);
    const roles = [{ name: "support", description: "", permissions: ["users:read"], members: 0, grantable: true }];
    const catalogue = ["sessions:read", "sessions:revoke", "users:read"];
    const descriptions = { "sessions:read": "List any user's sessions", "sessions:revoke": "Sign out any user's sessions", "users:read": "See users" };
    await page.route("**/api/admin/roles", (route) => route.fulfill({ json: { roles, catalogue, descriptions } }));
    let saved: unknown;
    await page.route("**/api/admin/roles/support/permissions", (route) => {
      saved = route.request().postDataJSON();
      return route.fulfill({ json: { role: { ...roles[0], permissions: ["sessions:*", "users:read"] } } });
    });
    await page.goto(`${baseUrl}/admin/roles`);
    const card = page.locator("#role-card-support");
    await card.getByText("Edit support").click();
    const read = card.getByLabel("sessions:read", { exact: true });
    expect(await card.locator(`#${await read.getAttribute("aria-describedby")}`).textContent()).toBe("List any user's sessions");
    await card.getByLabel("sessions:* (every sessions action)").check();
    expect(await read.isChecked()).toBe(true);
    expect(await read.isDisabled()).toBe(true);
    await card.getByLabel("sessions:* (every sessions action)").uncheck();
    expect(await read.isChecked()).toBe(false);
    expect(await read.isEnabled()).toBe(true);
    await card.getByLabel("sessions:* (every sessions action)").check();
    await card.getByRole("button", { name: "Save permissions" }).click();
    await card.getByText("Permissions saved.").waitFor();
    expect(saved).toEqual({ permissions: ["sessions:*", "users:read"] });
    expect(problems).toEqual([]);
  });

  it("sends a visitor who is not signed in from an admin page to the sign-in page", async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${baseUrl}/admin/user?id=someone`);
    await page.waitForURL(`${baseUrl}/login?returnTo=${encodeURIComponent("/admin/user?id=someone")}`);
    expect(problems).toEqual([]);
  });
});
