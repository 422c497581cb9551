import { describe, expect, inject, it } from "vitest";
import { openPage, useBrowser } from "./browser";

const baseUrl = inject("baseUrl");
const browser = useBrowser();

describe("pages without a session", () => {
  it("sends a visitor who is not signed in from / and /account to the login page", async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(baseUrl);
    await page.waitForURL(`${baseUrl}/login`);
    await page.goto(`${baseUrl}/account`);
    await page.waitForURL(`${baseUrl}/login`);
    expect(problems).toEqual([]);
  });

  it("refuses an unknown verification token and takes it out of the address bar", async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${baseUrl}/verify?token=not-a-real-token`);
    expect(page.url()).toBe(`${baseUrl}/verify`);
    await page.getByLabel("Password", { exact: true }).fill("any password at all");
    await page.getByRole("button", { name: "Confirm and sign in" }).click();
    await page.getByText("The link is invalid or has expired").waitFor();
    await page.getByRole("link", { name: "get a new link" }).waitFor();
    await page.goto(`${baseUrl}/reset`);
    await page.getByText("This page needs the link from the email.").waitFor();
    expect(problems).toEqual([]);
  });

  it("checks the login form before sending and ties each error to its field", async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${baseUrl}/login`);
    await page.getByRole("button", { name: "Sign in" }).click();
    const email = page.getByLabel("Email");
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`#${await email.getAttribute("aria-describedby")}`).textContent()).toBe("Enter your email address.");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("email");
    expect(problems).toEqual([]);
  });

  it("shows how long to wait when the API answers 429 with Retry-After", async () => {
    const { page, problems } = await openPage(browser());
    // The lockout needs ten failures in a row; the page's handling of the answer is what is tested here.
    await page.route("**/api/auth/login", (route) =>
      route.fulfill({
        status: 429,
        headers: { "Content-Type": "application/problem+json", "Retry-After": "42" },
        body: JSON.stringify({ type: "about:blank", title: "Too many attempts, try again later", status: 429, code: "RATE_LIMITED" }),
      }),
    );
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill("someone@example.com");
    await page.getByLabel("Password", { exact: true }).fill("whatever it is");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Too many attempts. Try again in 42 s.").waitFor();
    expect(problems).toEqual([]);
  });

  it("shows the API reference in place, where the API's own answers download (npm start's API link)", async () => {
    const { page, problems } = await openPage(browser());
    await page.goto(`${baseUrl}/reference`);
    await page.getByRole("heading", { name: "POST /api/auth/register" }).waitFor();
    await page.getByText("Create an account; a verification link is emailed").waitFor();
    expect(problems).toEqual([]);
  });

  it("says the mailbox exists only locally when the outbox answers 404", async () => {
    const { page, problems } = await openPage(browser());
    // Deployed stacks answer 404 here; the local stack is the only one the suite runs.
    await page.route("**/api/dev/outbox*", (route) =>
      route.fulfill({
        status: 404,
        headers: { "Content-Type": "application/problem+json" },
        body: JSON.stringify({ type: "about:blank", title: "Not found", status: 404, code: "NOT_FOUND" }),
      }),
    );
    await page.goto(`${baseUrl}/mailbox`);
    await page.getByText("The mailbox is only available in the local environment.").waitFor();
    expect(await page.locator("#messages").isHidden()).toBe(true);
    expect(problems).toEqual([]);
  });
});
