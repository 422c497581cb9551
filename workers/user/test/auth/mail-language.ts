import { env } from "cloudflare:workers";
import { catalogueProblems } from "@workers-users/shared";
import { describe, expect, it } from "vitest";
import { MAIL_CATALOGUES } from "../../src/i18n";
import { signedInAdmin, userIdOf } from "../admin/fixtures";
import { call, latestToken, outbox, PASSWORD, register, uniqueEmail } from "../helpers";

const localeOf = async (email: string) =>
  (await env.DB.prepare("SELECT locale FROM users WHERE email = ?").bind(email).first<{ locale: string | null }>())?.locale;

describe("mail in the reader's language", () => {
  it("has every English mail string in French, with the same placeholders", () => {
    expect(catalogueProblems(MAIL_CATALOGUES.en, MAIL_CATALOGUES.fr)).toEqual([]);
  });

  it("writes the verification mail in the language of the lang cookie, and remembers it for the account", async () => {
    const email = uniqueEmail("fr-cookie");
    const res = await call("POST", "/api/auth/register", { body: { email, password: PASSWORD }, cookie: "lang=fr", headers: { "accept-language": "en" } });
    expect(res.status).toBe(202);
    const [message] = await outbox(email);
    expect(message?.subject).toBe("Confirmez votre adresse e-mail");
    expect(message?.text).toContain("Le lien ne sert qu’une fois et expire dans 24 heures.");
    expect(message?.html).toContain("Confirmer l’adresse e-mail</a>");
    expect(message?.html).toContain("Ou collez cette adresse dans votre navigateur :");
    expect(await localeOf(email)).toBe("fr");
  });

  it("follows Accept-Language without a cookie, and English for a language it does not speak", async () => {
    const french = uniqueEmail("fr-header");
    await call("POST", "/api/auth/register", { body: { email: french, password: PASSWORD }, headers: { "accept-language": "de-DE, fr-CH;q=0.8, en;q=0.5" } });
    expect((await outbox(french))[0]?.subject).toBe("Confirmez votre adresse e-mail");
    const german = uniqueEmail("de-header");
    await call("POST", "/api/auth/register", { body: { email: german, password: PASSWORD }, headers: { "accept-language": "de-DE" } });
    expect((await outbox(german))[0]?.subject).toBe("Confirm your email address");
  });

  it("writes an admin's reset link in the language the user last signed in with, not the admin's", async () => {
    const email = uniqueEmail("fr-user");
    await register(email);
    const token = await latestToken(email, "verify");
    // Verifying signs in: the request's language (the cookie) becomes the account's.
    const verified = await call("POST", "/api/auth/verify-email", { body: { token, password: PASSWORD }, cookie: "lang=fr" });
    expect(verified.status).toBe(200);
    expect(await localeOf(email)).toBe("fr");
    const admin = await signedInAdmin();
    const res = await call("POST", `/api/admin/users/${await userIdOf(email)}/reset-link`, { cookie: `${admin.cookie}; lang=en` });
    expect(res.status).toBe(202);
    const [message] = await outbox(email);
    expect(message?.subject).toBe("Réinitialisez votre mot de passe");
    expect(message?.text).toContain("La réinitialisation déconnecte tous les appareils.");
  });
});
