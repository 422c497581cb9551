import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { openPage, useBrowser } from "./browser";
import { createVerifiedUser, signIn, uniqueEmail } from "./flows";

const baseUrl = inject("baseUrl");
const browser = useBrowser();

/** On the local OpenID provider's own login page (another origin): who, and its password. */
async function signInAtDevProvider(page: Page, email: string): Promise<void> {
  await page.getByRole("heading", { name: "Dev identity provider" }).waitFor();
  expect(new URL(page.url()).origin).not.toBe(baseUrl);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("dev");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

describe("social sign-in with the local provider", () => {
  it("signs in with Dev from the login page; a password account links Dev and unlinks it from the account page", async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${baseUrl}/login`);
    await page.getByRole("link", { name: "Sign in with Dev" }).click();
    await signInAtDevProvider(page, "alice@example.com");
    await page.waitForURL(`${baseUrl}/account`);
    // The page fills in the account after it loads: wait for it, then read it.
    await page.waitForFunction(() => (document.querySelector("#fact-email")?.textContent ?? "") !== "");
    expect(await page.locator("#fact-email").textContent()).toBe("alice@example.com");
    // Alice's account was made by the provider: no password, so Dev is her only way in.
    await page.getByText("This account has no password.").waitFor();
    await page.getByRole("button", { name: "Unlink" }).click();
    await page.getByText("This is your only way to sign in").waitFor();
    await page.getByRole("button", { name: "Log out", exact: true }).click();
    await page.waitForURL(`${baseUrl}/login`);

    const email = uniqueEmail("linker");
    await createVerifiedUser(baseUrl, email, "a linking passphrase");
    await signIn(page, baseUrl, email, "a linking passphrase");
    await page.getByRole("link", { name: "Link Dev" }).click();
    // The provider asks again (it keeps no sign-in between flows): Bob this time.
    await signInAtDevProvider(page, "bob@example.com");
    await page.waitForURL(`${baseUrl}/account`);
    await page.getByText("bob@example.com · linked").waitFor();
    await page.getByRole("button", { name: "Unlink" }).click();
    await page.getByText("Dev is no longer linked.").waitFor();
    await page.getByRole("link", { name: "Link Dev" }).waitFor();
    expect(problems).toEqual([]);
  });
});
