import { describe, expect, inject, it } from "vitest";
import { createRequire } from "node:module";
import { openPage, useBrowser } from "./browser";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

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
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const email = page.getByLabel("Email");
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`#${await email.getAttribute("aria-describedby")}`).textContent()).toBe("Enter your email address.");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("email");
    expect(problems).toEqual([]);
  });

  it("cannot post a form before its script runs: the button waits, so a slow script never shows the browser's 405 page", async () => {
    const { page, problems } = await openPage(browser());
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/assets/forgot.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${baseUrl}/forgot`, { waitUntil: "commit" });
    const send = page.getByRole("button", { name: "Send the link" });
    await page.getByLabel("Email").fill("slow-script@example.com");
    expect(await send.isDisabled()).toBe(true);
    await page.getByLabel("Email").press("Enter");
    expect(page.url()).toBe(`${baseUrl}/forgot`);
    release();
    await send.click();
    await page.waitForURL(`${baseUrl}/check-email`);
    expect(problems).toEqual([]);
  });

  it("switches the language with the picker, keeps it after a reload, and follows a French browser unasked", async () => {
    const { context, page, problems } = await openPage(browser());
    await page.goto(`${baseUrl}/register`);
    await page.getByRole("heading", { name: "Create an account" }).waitFor();
    await page.getByRole("navigation", { name: "Language" }).getByRole("button", { name: "Français" }).click();
    await page.getByRole("heading", { name: "Créer un compte" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    // The checks in the page's script speak it too, and the cookie the API reads for mail says it.
    await page.getByRole("button", { name: "Créer le compte" }).click();
    await page.getByText("Saisissez votre adresse e-mail.").waitFor();
    expect((await context.cookies()).find((c) => c.name === "lang")).toMatchObject({ value: "fr", sameSite: "Lax", secure: true, httpOnly: false });
    await page.reload();
    await page.getByRole("heading", { name: "Créer un compte" }).waitFor();
    expect(await page.getByRole("button", { name: "Français" }).getAttribute("aria-current")).toBe("true");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Create an account" }).waitFor();
    // A browser whose first language is French gets French without picking.
    const french = await browser().newContext({ locale: "fr-FR", timezoneId: "UTC" });
    const frenchPage = await french.newPage();
    await frenchPage.goto(`${baseUrl}/forgot`);
    await frenchPage.getByRole("heading", { name: "Mot de passe oublié ?" }).waitFor();
    expect(await frenchPage.title()).toMatch(/^Réinitialiser votre mot de passe · /);
    await french.close();
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
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
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

  it("WCAG 1.4.11: input borders and the focus ring reach 3:1 against the page in the light theme", async () => {
    const { page, problems } = await openPage(browser());
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").focus();
    const colours = await page.evaluate(() => {
      const input = getComputedStyle(document.querySelector("#email")!);
      return {
        border: input.borderTopColor,
        ring: input.outlineColor,
        field: input.backgroundColor,
        page: getComputedStyle(document.body).backgroundColor,
        card: getComputedStyle(document.querySelector(".card")!).backgroundColor,
      };
    });
    expect(contrast(colours.border, colours.card)).toBeGreaterThanOrEqual(3);
    expect(contrast(colours.border, colours.field)).toBeGreaterThanOrEqual(3);
    expect(contrast(colours.ring, colours.page)).toBeGreaterThanOrEqual(3);
    expect(contrast(colours.ring, colours.card)).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual([]);
  });

  it("axe finds no violation on a form page, the API reference, nor the admin's list of users", async () => {
    // axe is injected as a script: this context only lets it past the pages' CSP.
    const context = await browser().newContext({ bypassCSP: true, viewport: { width: 1024, height: 800 }, locale: "en-US" });
    const page = await context.newPage();
    const user = { id: "u-self", email: "reader@example.com", name: null, emailVerified: true, roles: ["reader"], permissions: ["users:read"] };
    await page.route("**/api/auth/session", (route) => route.fulfill({ json: { user, session: { id: "s1", createdAt: 1_700_000_000, expiresAt: 1_800_000_000 } } }));
    const listed = { id: "u1", email: "ada@example.com", name: "Ada", emailVerified: true, disabled: false, roles: ["user"], createdAt: 1_700_000_000, lockedUntil: null, lastSignInAt: null };
    await page.route("**/api/admin/users", (route) => route.fulfill({ json: { users: [listed], nextCursor: null, total: 1 } }));
    const violations: string[] = [];
    // Each page once it has drawn what it loads.
    const drawn = { "/register": "Create account", "/reference": "POST /api/auth/register", "/admin/users": "1 user." };
    for (const [path, text] of Object.entries(drawn)) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByText(text).first().waitFor();
      await page.addScriptTag({ path: AXE });
      const found = await page.evaluate(async () => (await (window as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }).axe.run()).violations.map((v) => v.id));
      violations.push(...found.map((id) => `${path}: ${id}`));
    }
    await context.close();
    expect(violations).toEqual([]);
  });

  it("gives password managers the username, and admin pages a skip link past the menu", async () => {
    const html = async (path: string) => (await fetch(`${baseUrl}${path}`)).text();
    for (const path of ["/login", "/register"]) expect(await html(path), path).toMatch(/id="email" name="email" type="email" autocomplete="username"/);
    expect(await html("/reset")).toMatch(/<input id="username" name="username" type="email" autocomplete="username" hidden>/);
    for (const path of ["/admin", "/admin/users", "/admin/user", "/admin/roles", "/admin/audit"]) {
      const [, target] = /<a class="skip-link" href="#([\w-]+)"[ >]/.exec(await html(path)) ?? [];
      expect(target, path).toBeDefined();
      expect(await html(path), path).toMatch(new RegExp(`<h1 id="${target}" tabindex="-1"[ >]`));
    }
  });

  it("retries a GET the gateway answered 502, and offers to try again when it stays down", async () => {
    const { page, problems } = await openPage(browser());
    let failures = 1;
    await page.route("**/api/auth/session", (route) =>
      failures-- > 0 ? route.fulfill({ status: 502, body: "Bad gateway" }) : route.continue(),
    );
    await page.goto(`${baseUrl}/account`);
    await page.waitForURL(`${baseUrl}/login`); // the second try's 401: not signed in
    failures = 1_000;
    await page.goto(`${baseUrl}/account`);
    await page.getByText("The server answered 502").waitFor();
    await page.getByRole("button", { name: "Try again" }).waitFor();
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

/** WCAG contrast ratio of two computed `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, bl] = (colour.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high! + 0.05) / (low! + 0.05);
}
