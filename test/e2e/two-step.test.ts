import { describe, expect, inject, it } from "vitest";
import { useBrowser } from "./browser";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { Page } from "playwright-core";
import * as flows from "./flows";
import { screenshot } from "./flows";

// Two-step verification in the browser: a file of its own, so it runs beside the account page's
// other flows instead of after them.
const baseUrl = inject("baseUrl");
const PASSWORD = "account page passphrase";
const browser = useBrowser();
const signedInUser = (label: string) => flows.signedInUser(browser(), baseUrl, label, PASSWORD);

/** What an authenticator app shows for `secret` (base32, as the page shows it), `ahead` seconds from now. */
function appCode(secret: string, ahead = 0): string {
  return generateHOTP(decodeBase32IgnorePadding(secret.replace(/\s/g, "")), BigInt(Math.floor((Date.now() / 1000 + ahead) / 30)), 6);
}

/** The first step with the password: the second step's form appears instead of the account page. */
async function firstStep(page: Page, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "Two-step verification" }).waitFor();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Log out", exact: true }).click();
  await page.waitForURL(`${baseUrl}/login`);
}

describe("two-step verification", () => {
  it("is set up from the account page with a QR code, then asked for at sign-in: a code from the app, or a recovery code", async () => {
    const { email, page, problems } = await signedInUser("totp");
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    await page.getByRole("img", { name: /QR code/ }).waitFor();
    const secret = (await page.locator("#mfa-secret").textContent()) ?? "";
    expect(secret.replace(/\s/g, "")).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(page, "mfa-setup");
    await page.getByLabel("Code from the app").fill(appCode(secret));
    await page.getByRole("button", { name: "Turn on" }).click();
    const codes = page.locator("#recovery-codes li");
    await codes.nth(9).waitFor();
    const recoveryCodes = await codes.allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await page.getByText(/^On: signing in asks for a code/).waitFor();
    await screenshot(page, "mfa-recovery-codes");

    await signOut(page);
    await firstStep(page, email);
    await screenshot(page, "mfa-sign-in");
    // The next step's code: the one the set-up used is never accepted again.
    await page.getByLabel("Code from your authenticator app").fill(appCode(secret, 30));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(`${baseUrl}/account`);
    await page.getByText("This device").waitFor();

    await signOut(page);
    await firstStep(page, email);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(recoveryCodes[0]!);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(`${baseUrl}/account`);
    await page.getByText("9 of 10 recovery codes left", { exact: false }).waitFor();

    // Step-up: the server's first answer says the sign-in is too old (as it would after 10 minutes);
    // the page asks for the password in a dialog and sends the request once more.
    let refused = false;
    await page.route("**/api/account/mfa/recovery-codes", async (route) => {
      if (refused) return route.continue();
      refused = true;
      await route.fulfill({ status: 401, contentType: "application/problem+json", json: { type: "about:blank", title: "Confirm it is you", status: 401, code: "REAUTH_REQUIRED" } });
    });
    await page.getByRole("button", { name: "New recovery codes" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm it is you" });
    await dialog.getByLabel("Password or code").fill(PASSWORD);
    await screenshot(page, "reauth-dialog");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await page.getByText("New recovery codes: the old ones no longer work.").waitFor();
    expect(await page.locator("#recovery-codes li").allTextContents()).not.toContain(recoveryCodes[1]);
    expect(problems).toEqual([]);
  });
});
