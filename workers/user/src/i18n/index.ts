import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { acceptedLanguages, asLocale, format, LOCALE_COOKIE, pickLocale, type Locale, type Params } from "@workers-users/shared";
import { en, type MailKey } from "./en";
import { fr } from "./fr";

const CATALOGUES: Record<Locale, Record<MailKey, string>> = { en, fr };

/** A translator for one language: `t("reset.subject")`. */
export type Translate = (key: MailKey, params?: Params) => string;

export function translator(locale: Locale): Translate {
  const catalogue = CATALOGUES[locale];
  return (key, params) => format(catalogue[key], params);
}

/** The language of a request: the site's `lang` cookie when it names one we speak, else Accept-Language. */
export function requestLocale(c: Context): Locale {
  return asLocale(getCookie(c, LOCALE_COOKIE)) ?? pickLocale(acceptedLanguages(c.req.header("Accept-Language") ?? null));
}

export { CATALOGUES as MAIL_CATALOGUES };
