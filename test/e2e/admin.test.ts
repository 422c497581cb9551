import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { openPage, useBrowser, type TestPage } from "./browser";
import { apiStatus, createVerifiedUser, screenshot, signIn, signUpThroughPages, uniqueEmail } from "./flows";

const baseUrl = inject("baseUrl");
const adminEmail = inject("adminEmail");
const PASSWORD = "admin area passphrase";
const browser = useBrowser();
let admin: TestPage;

beforeAll(async () => {
  // The bootstrap admin: an address from ADMIN_EMAILS, given the admin role once verified.
  admin = await openPage(browser());
  await signUpThroughPages(admin.page, baseUrl, adminEmail, PASSWORD);
});

async function signedInMember(label: string): Promise<TestPage & { email: string }> {
  const email = uniqueEmail(label);
  await createVerifiedUser(baseUrl, email, PASSWORD);
  const tab = await openPage(browser());
  await signIn(tab.page, baseUrl, email, PASSWORD);
  return { email, ...tab };
}

/** From the users list, searched by email, to that user's page. */
async function openUser(page: Page, email: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/users`);
  await page.getByLabel("Search by email or name").fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByText("1 user.").waitFor();
  await page.getByRole("link", { name: email }).click();
  await page.getByRole("heading", { level: 1, name: email }).waitFor();
}

/** On the roles page: a new role holding one permission. */
async function createRole(page: Page, name: string, permission: string): Promise<void> {
  const create = page.locator("#create-form");
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Description").fill(`Holds ${permission}`);
  await create.getByRole("button", { name: "Create role" }).click();
  await page.getByText(`Created the role ${name}.`).waitFor();
  const card = page.locator(`#role-card-${name}`);
  await card.getByLabel(permission, { exact: true }).check();
  await card.getByRole("button", { name: "Save permissions" }).click();
  await card.getByText("Permissions saved.").waitFor();
  expect(await card.getByRole("list", { name: `Permissions of ${name}` }).getByRole("listitem").allTextContents()).toEqual([permission]);
}

/** On a user's page: gives them the role. */
async function addRole(page: Page, role: string): Promise<void> {
  await page.getByLabel("Add a role").fill(role);
  await page.getByRole("button", { name: "Add role" }).click();
  await page.getByText(`Added the role ${role}.`).waitFor();
}

/** Answers the page's confirmation dialog with the button naming the action. */
async function confirmIn(page: Page, action: string): Promise<void> {
  await page.getByRole("dialog").getByRole("button", { name: action }).click();
  await page.getByRole("dialog").waitFor({ state: "detached" });
}

/** Calls the API from inside a signed-in page, as its own scripts would. */
function callFrom(page: Page, method: string, path: string, body?: unknown): Promise<number> {
  return page.evaluate(
    async ([m, p, b]) => (await fetch(p, { method: m, headers: { "content-type": "application/json" }, body: b === undefined ? undefined : JSON.stringify(b) })).status,
    [method, path, body] as const,
  );
}

async function navLinks(page: Page): Promise<string[]> {
  await page.getByRole("navigation", { name: "Admin" }).waitFor();
  return page.getByRole("navigation", { name: "Admin" }).getByRole("link").allTextContents();
}

describe("admin area", () => {
  it("creates a role granting audit:read; a member signed in before the grant gets the audit log and nothing more", async () => {
    const member = await signedInMember("auditor");
    const { page } = admin;
    // Before the grant: no way in, and an admin page says so.
    expect(await member.page.locator("#admin-entry").isHidden()).toBe(true);
    await member.page.goto(`${baseUrl}/admin/audit`);
    await member.page.getByText("You do not have access to this page.").waitFor();
    expect(await member.page.locator("#content").isHidden()).toBe(true);

    await page.goto(`${baseUrl}/account`);
    await page.getByRole("link", { name: "Admin", exact: true }).click();
    await page.waitForURL(`${baseUrl}/admin/users`);
    expect(await navLinks(page)).toEqual(["Users", "Roles", "Audit log", "Your account"]);
    await page.getByRole("link", { name: member.email }).waitFor();
    await screenshot(page, "admin-users");

    await page.getByRole("link", { name: "Roles" }).click();
    await createRole(page, "auditor", "audit:read");
    await screenshot(page, "admin-roles");

    await openUser(page, member.email);
    await addRole(page, "auditor");
    expect(await page.locator("#roles li strong").allTextContents()).toEqual(["auditor", "user"]);
    await screenshot(page, "admin-user");

    // The member's session is the one from before the grant: the next request carries the role.
    await member.page.goto(`${baseUrl}/account`);
    await member.page.getByRole("link", { name: "Admin", exact: true }).click();
    await member.page.waitForURL(`${baseUrl}/admin/audit`);
    expect(await navLinks(member.page)).toEqual(["Audit log", "Your account"]);
    await member.page.getByText(/^\d+ entries\./).waitFor(); // the first, unfiltered page
    await member.page.getByLabel("Action").fill("role.assigned");
    await member.page.getByRole("button", { name: "Show entries" }).click();
    await member.page.waitForURL(`${baseUrl}/admin/audit?action=role.assigned`);
    await member.page.waitForFunction(() => {
      const actions = [...document.querySelectorAll("#entries td[data-label=Action]")].map((cell) => cell.textContent);
      return actions.length > 0 && actions.every((action) => action === "role.assigned");
    });
    await member.page.getByText("role: auditor").waitFor();
    await screenshot(member.page, "admin-audit");

    for (const path of ["/admin/users", "/admin/roles"]) {
      await member.page.goto(`${baseUrl}${path}`);
      await member.page.getByText("You do not have access to this page.").waitFor();
    }
    expect(await apiStatus(member.page, "/api/admin/users")).toBe(403);
    expect(await apiStatus(member.page, "/api/admin/roles")).toBe(403);
    expect(await apiStatus(member.page, "/api/admin/audit")).toBe(200);
    expect([...admin.problems, ...member.problems]).toEqual([]);
  });

  it("a member who may write users is offered nothing against an admin, and what the server allows against a peer", async () => {
    const role = `helpdesk-${randomUUID().slice(0, 6)}`;
    expect(await callFrom(admin.page, "POST", "/api/admin/roles", { name: role })).toBe(201);
    expect(await callFrom(admin.page, "PUT", `/api/admin/roles/${role}/permissions`, { permissions: ["users:read", "users:write"] })).toBe(200);
    const helpdesk = await signedInMember("helpdesk");
    const peer = await signedInMember("peer");
    const helpdeskId = await helpdesk.page.evaluate(async () => ((await (await fetch("/api/auth/session")).json()) as { user: { id: string } }).user.id);
    expect(await callFrom(admin.page, "POST", `/api/admin/users/${helpdeskId}/roles`, { role })).toBe(200);

    await openUser(helpdesk.page, adminEmail);
    await helpdesk.page.locator("#fact-state").getByText("Active").waitFor();
    for (const hidden of ["#name-form", "#state-card", "#delete-card", "#role-form"]) {
      expect(await helpdesk.page.locator(hidden).isHidden(), hidden).toBe(true);
    }
    await openUser(helpdesk.page, peer.email);
    await helpdesk.page.getByRole("button", { name: "Disable user" }).waitFor();
    expect(await helpdesk.page.locator("#name-form").isVisible()).toBe(true);
    expect(await helpdesk.page.locator("#delete-card").isHidden()).toBe(true);
    expect([...helpdesk.problems, ...peer.problems]).toEqual([]);
  });

  it("disabling a user from their page signs them out at once; deleting asks for their address", async () => {
    const member = await signedInMember("disabled");
    const { page } = admin;
    await openUser(page, member.email);
    await page.locator("#sessions li").getByRole("button", { name: "Revoke" }).waitFor();
    expect(await page.locator("#sessions li").count()).toBe(1);

    // Giving admin asks first; removing a role asks too; the card then says the latest thing only.
    await page.getByLabel("Add a role").fill("admin");
    await page.getByRole("button", { name: "Add role" }).click();
    await page.getByRole("dialog", { name: `Give ${member.email} the role admin?` }).waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    expect(await page.locator("#roles li strong").allTextContents()).toEqual(["user"]);
    await page.locator("#roles li", { hasText: "user" }).getByRole("button", { name: "Remove" }).click();
    await confirmIn(page, "Remove the role");
    await page.getByText("Removed the role user.").waitFor();
    await page.getByLabel("Add a role").fill("user");
    await page.getByRole("button", { name: "Add role" }).click();
    await page.getByText("Added the role user.").waitFor();
    expect(await page.getByText("Removed the role user.").count()).toBe(0);

    await page.getByRole("button", { name: "Disable user" }).click();
    await confirmIn(page, "Disable user");
    await page.getByText("User disabled. Every session of theirs has ended.").waitFor();
    expect(await page.locator("#fact-state").textContent()).toBe("Disabled");
    expect(await page.locator("#sessions").textContent()).toBe("Not signed in anywhere.");
    await member.page.reload();
    await member.page.waitForURL(`${baseUrl}/login`);
    await member.page.getByText("Your session has ended").waitFor();
    await member.page.getByLabel("Email").fill(member.email);
    await member.page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await member.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await member.page.getByText("This account is disabled").waitFor();

    await page.getByText("Delete user").click();
    const confirm = page.getByLabel("Type the user's email address to confirm");
    await confirm.fill("someone-else@example.com");
    await page.getByRole("button", { name: "Delete this user" }).click();
    expect(await confirm.getAttribute("aria-invalid")).toBe("true");
    await confirm.fill(member.email);
    await page.getByRole("button", { name: "Delete this user" }).click();
    await page.getByText(`${member.email} was deleted`).waitFor();
    await page.goto(`${baseUrl}/admin/users?q=${encodeURIComponent(member.email)}`);
    await page.getByText("No users found.").waitFor();
    expect([...admin.problems, ...member.problems]).toEqual([]);
  });

  // Last: it signs the suite's admin out.
  it("marks an admin's own session, does not offer to take admin from its only member, and revoking all signs them out with a word", async () => {
    const { page } = admin;
    await openUser(page, adminEmail);
    await page.locator("#sessions li", { hasText: "This device (you)" }).waitFor();
    await page.locator("#roles li", { hasText: "user" }).getByRole("button", { name: "Remove" }).waitFor();
    expect(await page.locator("#roles li", { hasText: "admin" }).getByRole("button").count()).toBe(0);
    await page.getByRole("button", { name: "Revoke all sessions" }).click();
    await page.getByText("Every device of yours is signed out, this one included").waitFor();
    await confirmIn(page, "Revoke all sessions");
    await page.waitForURL(`${baseUrl}/login`);
    await page.getByText("You are signed out on every device.").waitFor();
    expect(admin.problems).toEqual([]);
  });
});
