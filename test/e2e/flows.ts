import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Locator, Page } from "playwright-core";
import { openPage } from "./browser";

// The README's pictures change only on request; other runs keep theirs in the git-ignored test-results/.
const SCREENSHOTS = fileURLToPath(
  new URL(process.env.UPDATE_SCREENSHOTS === "1" ? "../../docs/screenshots/" : "../../test-results/screenshots/", import.meta.url),
);

export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

/** Writes <name>.png: into docs/screenshots with UPDATE_SCREENSHOTS=1, else under test-results/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Writes <name>.png of one part of a page (a card), where screenshot() takes the whole page. */
export async function screenshotOf(part: Locator, name: string): Promise<void> {
  await part.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Signs in through the login page and waits for the account page. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(`${baseUrl}/account`);
  await page.getByText("This device").waitFor();
}

/** Opens the newest link of this kind sent to `email`, from the local mailbox page. */
export async function openMailLink(page: Page, baseUrl: string, email: string, kind: "verify" | "reset" | "confirm-email"): Promise<void> {
  await page.goto(`${baseUrl}/mailbox?to=${encodeURIComponent(email)}`);
  await page.getByRole("link", { name: new RegExp(`/${kind}\\?token=`) }).first().click();
  await page.waitForURL(`${baseUrl}/${kind}`);
}

/**
 * A verified account made over HTTP, for suites whose subject comes after sign-up.
 * The link is taken from the dev outbox the way the mailbox page reads it.
 */
export async function createVerifiedUser(baseUrl: string, email: string, password: string): Promise<void> {
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: baseUrl },
      body: JSON.stringify(body),
    });
  const registered = await post("/api/auth/register", { email, password });
  if (registered.status !== 202) throw new Error(`register answered ${registered.status}`);
  const outbox = (await (await fetch(`${baseUrl}/api/dev/outbox?to=${encodeURIComponent(email)}`)).json()) as {
    messages: { text: string }[];
  };
  const token = /\/verify\?token=([\w-]+)/.exec(outbox.messages[0]?.text ?? "")?.[1];
  if (!token) throw new Error("no verification link in the outbox");
  const verified = await post("/api/auth/verify-email", { token, password });
  if (verified.status !== 200) throw new Error(`verify-email answered ${verified.status}`);
  // Verifying signed this client in; the suites sign in through the pages, so that session ends here.
  const cookie = verified.headers.getSetCookie().find((c) => c.startsWith("__Host-session="))?.split(";")[0];
  await fetch(`${baseUrl}/api/auth/logout`, { method: "POST", headers: { Origin: baseUrl, Cookie: cookie ?? "" } });
}

/** Registers through the pages, confirms the address from the local mailbox, and signs in. */
export async function signUpThroughPages(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${baseUrl}/check-email`);
  await openMailLink(page, baseUrl, email, "verify");
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Confirm and sign in" }).click();
  await page.waitForURL(`${baseUrl}/account`);
  await page.getByText("This device").waitFor();
}

/** The status the API gives this page's session for a GET, asked from inside the page. */
export function apiStatus(page: Page, path: string): Promise<number> {
  return page.evaluate(async (url) => (await fetch(url, { credentials: "same-origin" })).status, path);
}

/** A verified account of its own, signed in on a fresh page of `browser`. */
export async function signedInUser(browser: Browser, baseUrl: string, label: string, password: string) {
  const email = uniqueEmail(label);
  await createVerifiedUser(baseUrl, email, password);
  const tab = await openPage(browser);
  await signIn(tab.page, baseUrl, email, password);
  return { email, ...tab };
}
