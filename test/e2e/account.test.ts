import { describe, expect, inject, it } from "vitest";
import { openPage, useBrowser } from "./browser";
import * as flows from "./flows";
import { openMailLink, signIn, uniqueEmail } from "./flows";

const baseUrl = inject("baseUrl");
const PASSWORD = "account page passphrase";
const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const browser = useBrowser();

const signedInUser = (label: string) => flows.signedInUser(browser(), baseUrl, label, PASSWORD);

describe("account page", () => {
  it("keeps a note and a theme in the session and shows them back", async () => {
    const { page, problems } = await signedInUser("notes");
    await page.getByLabel("Note").fill("remember the milk");
    await page.getByLabel("Theme").selectOption("dark");
    await page.getByRole("button", { name: "Save in the session" }).click();
    await page.getByText("Saved in this session.").waitFor();
    expect(JSON.parse((await page.locator("#data-view").textContent()) ?? "")).toEqual({ note: "remember the milk", theme: "dark" });
    expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");

    await page.reload();
    await page.getByText("This device").waitFor();
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>("#note")?.value === "remember the milk");
    expect(await page.getByLabel("Theme").inputValue()).toBe("dark");

    await page.getByLabel("Theme").selectOption("");
    await page.getByRole("button", { name: "Save in the session" }).click();
    await page.getByText("Saved in this session.").waitFor();
    expect(JSON.parse((await page.locator("#data-view").textContent()) ?? "")).toEqual({ note: "remember the milk" });
    expect(await page.locator("html").getAttribute("data-theme")).toBeNull();

    await page.getByRole("button", { name: "Clear" }).click();
    await page.waitForFunction(() => document.querySelector("#data-view")?.textContent === "{}");
    expect(await page.getByLabel("Note").inputValue()).toBe("");
    expect(problems).toEqual([]);
  });

  it("a slow first load of the session data cannot overwrite what is typed meanwhile: the fields wait for it", async () => {
    const { page, problems } = await signedInUser("slow-load");
    await page.getByLabel("Note").fill("kept from before");
    await page.getByRole("button", { name: "Save in the session" }).click();
    await page.getByText("Saved in this session.").waitFor();
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first load is answered by the server at once and delivered late.
    await page.route("**/api/session/data", async (route) => {
      if (route.request().method() !== "GET") return route.continue();
      const answer = await route.fetch();
      await held;
      await route.fulfill({ response: answer });
    });
    await page.reload();
    await page.getByText("This device").waitFor();
    expect(await page.getByLabel("Note").isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Save in the session" }).isDisabled()).toBe(true);
    release();
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>("#note")?.value === "kept from before");
    await page.getByLabel("Note").fill("typed once it loaded");
    await page.getByRole("button", { name: "Save in the session" }).click();
    await page.getByText("Saved in this session.").waitFor();
    expect(JSON.parse((await page.locator("#data-view").textContent()) ?? "")).toEqual({ note: "typed once it loaded" });
    expect(problems).toEqual([]);
  });

  it("lists the user's sessions and revokes another one", async () => {
    const { email, page, problems } = await signedInUser("devices");
    const phone = await browser().newContext({ userAgent: IPHONE, locale: "en-US" });
    const phonePage = await phone.newPage();
    await signIn(phonePage, baseUrl, email, PASSWORD);

    await page.reload();
    const rows = page.locator("#sessions li");
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain("This device");
    expect(await rows.nth(1).textContent()).toContain("Safari on iOS");
    await rows.nth(1).getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("dialog", { name: "Sign out Safari on iOS?" }).getByRole("button", { name: "Sign it out" }).click();
    await page.getByText("Signed out Safari on iOS.").waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("This device");

    await phonePage.reload();
    await phonePage.waitForURL(`${baseUrl}/login`);
    await phonePage.getByText("Your session has ended").waitFor();
    await phone.close();
    expect(problems).toEqual([]);
  });

  it("logs out everywhere, and sign-in returns to the page asked for (same-origin paths only)", async () => {
    const { email, page, problems } = await signedInUser("everywhere");
    const other = await openPage(browser());
    await signIn(other.page, baseUrl, email, PASSWORD);

    await page.getByRole("button", { name: "Log out everywhere" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Log out everywhere" }).click();
    await page.waitForURL(`${baseUrl}/login`);
    await page.getByText("You are signed out on every device.").waitFor();
    await other.page.reload();
    await other.page.waitForURL(`${baseUrl}/login`);
    await other.page.getByText("Your session has ended").waitFor();

    // Signing in again from a page that needs a session returns to it, and only to a path on this origin.
    await page.goto(`${baseUrl}/admin/users?q=ada`);
    await page.waitForURL(`${baseUrl}/login?returnTo=${encodeURIComponent("/admin/users?q=ada")}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(`${baseUrl}/admin/users?q=ada`);
    // Signed in, the sign-in page forwards at once through the same check.
    for (const elsewhere of ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)"]) {
      await page.goto(`${baseUrl}/login?returnTo=${encodeURIComponent(elsewhere)}`);
      await page.waitForURL(`${baseUrl}/account`);
    }
    expect([...problems, ...other.problems]).toEqual([]);
  });

  it("deletes the account once the password is confirmed", async () => {
    const { email, page, problems } = await signedInUser("leaving");
    await page.getByText("Delete account").click();
    const password = page.getByLabel("Password", { exact: true });
    await password.fill("not the password");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.getByText("The account was not deleted.").waitFor();
    expect(await password.getAttribute("aria-describedby")).toBe("delete-password-error");

    await password.fill(PASSWORD);
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.waitForURL(`${baseUrl}/login`);
    await page.getByText("Your account is deleted.").waitFor();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByText("Email or password is incorrect").waitFor();
    expect(problems).toEqual([]);
  });

  it("changes the email address through a link to the new one, with the password", async () => {
    const { email, page, problems } = await signedInUser("old-address");
    const next = uniqueEmail("new-address");
    const form = page.locator("#email-form");
    await form.getByLabel("New email address").fill(next);
    await form.getByLabel("Your password").fill(PASSWORD);
    await form.getByRole("button", { name: "Send the link" }).click();
    await page.getByText(`If ${next} can receive mail, a link is on its way there.`).waitFor();
    expect(await page.locator("#fact-email").textContent()).toBe(email);
    await openMailLink(page, baseUrl, next, "confirm-email");
    await page.getByRole("button", { name: "Use this address" }).click();
    await page.getByText(`Your email address is now ${next}.`).waitFor();
    await page.getByRole("link", { name: "Go to your account" }).click();
    await page.waitForFunction((address) => document.querySelector("#fact-email")?.textContent === address, next);
    expect(problems).toEqual([]);
  });
});
