import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { openPage, useBrowser } from "./browser";
import { createVerifiedUser, screenshot, screenshotOf, signIn, uniqueEmail } from "./flows";

// WebAuthn refuses IP addresses as RP IDs: the local stack serves passkeys on localhost.
const baseUrl = inject("baseUrl").replace("://127.0.0.1:", "://localhost:");
const browser = useBrowser();
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** A platform authenticator in this page's browser (Chrome DevTools Protocol): resident keys, user verification that succeeds. */
async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
}

/** axe's violations on the page as drawn; evaluated through DevTools, which the pages' CSP does not govern. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => (await (window as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }).axe.run()).violations.map((v) => v.id));
}

describe("passkeys in Chromium with a virtual authenticator", () => {
  it("registers a passkey on the account page, answers the second step with it, signs in with it and no password, and removes it", async () => {
    const email = uniqueEmail("passkey");
    const password = "a passkey owner's passphrase";
    await createVerifiedUser(inject("baseUrl"), email, password);
    const { page, problems } = await openPage(browser());
    await addVirtualAuthenticator(page);
    await signIn(page, baseUrl, email, password);

    await page.getByLabel("Name of the new passkey").fill("Test laptop");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await page.getByText("Passkey “Test laptop” added.").waitFor();
    await page.getByText(/never used/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshotOf(page.locator('section[aria-labelledby="passkeys-title"]'), "passkeys-account");

    // The passkey is now a second factor: the password alone does not sign in, the passkey completes it.
    await page.getByRole("button", { name: "Log out", exact: true }).click();
    await page.waitForURL(`${baseUrl}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("button", { name: "Use a passkey" }).click();
    await page.waitForURL(`${baseUrl}/account`);
    await page.getByText("This device").waitFor();

    await page.getByRole("button", { name: "Log out", exact: true }).click();
    await page.waitForURL(`${baseUrl}/login`);
    await page.getByRole("button", { name: "Sign in with a passkey" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "passkeys-sign-in");
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await page.waitForURL(`${baseUrl}/account`);
    await page.waitForFunction(() => (document.querySelector("#fact-email")?.textContent ?? "") !== "");
    expect(await page.locator("#fact-email").textContent()).toBe(email);
    await page.getByText(/last used/).waitFor();

    await page.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("button", { name: "Remove the passkey" }).click();
    await page.getByText("Removed “Test laptop”.").waitFor();
    await page.getByText("No passkeys yet.").waitFor();
    expect(problems).toEqual([]);
  });
});
