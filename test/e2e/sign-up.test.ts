import { describe, expect, inject, it } from "vitest";
import { openPage, useBrowser } from "./browser";
import { openMailLink, screenshot, uniqueEmail } from "./flows";

const baseUrl = inject("baseUrl");
const browser = useBrowser();

describe("sign-up", () => {
  it("registers, verifies from the mailbox, signs in, changes the password and logs out", async () => {
    const { context, page, problems } = await openPage(browser());
    const email = uniqueEmail("ada");
    const firstPassword = "correct horse battery staple";
    const secondPassword = "a brand new passphrase";

    await page.goto(`${baseUrl}/register`);
    await screenshot(page, "register");
    await page.getByLabel("Name").fill("Ada Lovelace");
    await page.getByLabel("Email").fill(email);
    const password = page.getByLabel("Password", { exact: true });
    await password.fill("too short");
    await page.getByRole("button", { name: "Create account" }).click();
    // The error is tied to its field, next to the hint that was already there.
    expect(await password.getAttribute("aria-invalid")).toBe("true");
    expect(await password.getAttribute("aria-describedby")).toBe("password-hint password-error");
    expect(await page.locator("#password-error").textContent()).toContain("at least 12 characters");

    await password.fill(firstPassword);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${baseUrl}/check-email`);
    await page.getByText(`If ${email} can receive mail`).waitFor();
    await page.getByRole("link", { name: "Open the local mailbox" }).click();
    await page.getByRole("heading", { name: "Confirm your email address" }).waitFor();
    await screenshot(page, "mailbox");

    // The link alone verifies nothing: the page asks for the registration's password.
    await openMailLink(page, baseUrl, email, "verify");
    expect(page.url()).toBe(`${baseUrl}/verify`);
    await page.getByLabel("Password", { exact: true }).fill("not my password at all");
    await page.getByRole("button", { name: "Confirm and sign in" }).click();
    await page.getByText("That is not the password this address was registered with.").waitFor();
    await page.getByLabel("Password", { exact: true }).fill(firstPassword);
    await screenshot(page, "verify");
    await page.getByRole("button", { name: "Confirm and sign in" }).click();
    await page.waitForURL(`${baseUrl}/account`);
    await page.getByText("This device").waitFor();
    await page.getByRole("button", { name: "Log out", exact: true }).click();
    await page.waitForURL(`${baseUrl}/login`);
    await page.getByText("You are signed out.").waitFor();
    await page.reload(); // said once: the screenshot shows the page as it comes

    await screenshot(page, "login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(firstPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(`${baseUrl}/account`);
    await page.getByText("This device").waitFor();
    expect(await page.locator("#fact-email").textContent()).toBe(email);
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Ada Lovelace");
    const cookie = (await context.cookies()).find((c) => c.name === "__Host-session");
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", path: "/" });
    await screenshot(page, "account");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "account-mobile");
    await page.setViewportSize({ width: 1024, height: 800 });

    await page.getByLabel("Current password").fill("not my password at all");
    await page.getByLabel("New password").fill(secondPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("That is not your current password.").waitFor();
    await page.getByLabel("Current password").fill(firstPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Password changed.").waitFor();
    await page.reload();
    await page.getByText("This device").waitFor(); // the rotated cookie keeps this device signed in

    await page.getByRole("button", { name: "Log out", exact: true }).click();
    await page.waitForURL(`${baseUrl}/login`);
    await page.goto(`${baseUrl}/account`);
    await page.waitForURL(`${baseUrl}/login`);

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(firstPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByText("Email or password is incorrect").waitFor();
    await page.getByLabel("Password", { exact: true }).fill(secondPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(`${baseUrl}/account`);
    expect(problems).toEqual([]);
  });
});

describe("an address not confirmed yet", () => {
  it("is offered a new link on the sign-in page, which the resend page sends", async () => {
    const { page, problems } = await openPage(browser());
    const email = uniqueEmail("late");
    const password = "correct horse battery staple";
    const registered = await fetch(`${baseUrl}/api/auth/register`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(registered.status).toBe(202);
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByText("The email address is not verified yet").waitFor();
    await page.getByRole("link", { name: "Send a new confirmation link" }).click();
    await page.waitForURL(`${baseUrl}/resend`);
    expect(await page.getByLabel("Email").inputValue()).toBe(email);
    await page.getByRole("button", { name: "Send a new link" }).click();
    await page.waitForURL(`${baseUrl}/check-email`);
    const outbox = (await (await fetch(`${baseUrl}/api/dev/outbox?to=${encodeURIComponent(email)}`)).json()) as { messages: unknown[] };
    expect(outbox.messages).toHaveLength(2);
    expect(problems).toEqual([]);
  });
});
