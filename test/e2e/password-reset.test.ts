import { describe, expect, inject, it } from "vitest";
import { openPage, useBrowser } from "./browser";
import { createVerifiedUser, openMailLink, signIn, uniqueEmail } from "./flows";

const baseUrl = inject("baseUrl");
const browser = useBrowser();

describe("password reset", () => {
  it("resets through the mailbox link, signs every device out, and the link works once", async () => {
    const email = uniqueEmail("grace");
    const oldPassword = "an old forgotten passphrase";
    // Spaces are part of a password: even revealed as plain text, it is sent as typed.
    const newPassword = " a freshly chosen passphrase ";
    await createVerifiedUser(baseUrl, email, oldPassword);
    const elsewhere = await openPage(browser());
    await signIn(elsewhere.page, baseUrl, email, oldPassword);

    const { page, problems } = await openPage(browser());
    await page.goto(`${baseUrl}/login`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.waitForURL(`${baseUrl}/check-email`);

    await openMailLink(page, baseUrl, email, "reset");
    expect(page.url()).toBe(`${baseUrl}/reset`); // the token left the address bar
    const password = page.getByLabel("New password");
    await password.fill("short");
    await page.getByRole("button", { name: "Save the new password" }).click();
    expect(await password.getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("Show password").check();
    expect(await password.getAttribute("type")).toBe("text");
    await password.fill(newPassword);
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.getByText("Your password has been changed").waitFor();

    await openMailLink(page, baseUrl, email, "reset");
    await page.getByLabel("New password").fill("yet another passphrase");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.getByText("The link is invalid or has expired").waitFor();

    await elsewhere.page.reload();
    await elsewhere.page.waitForURL(`${baseUrl}/login`);

    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(oldPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByText("Email or password is incorrect").waitFor();
    await signIn(page, baseUrl, email, newPassword);
    expect([...problems, ...elsewhere.problems]).toEqual([]);
  });
});
