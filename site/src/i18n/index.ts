import { asLocale, format, LOCALE_COOKIE, pickLocale, type Locale, type Params } from "@workers-users/shared";
import { en, type MessageKey } from "./en";
import { fr } from "./fr";

export type { MessageKey };

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** Each language by its own name, as the picker offers it. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", fr: "Français" };

/** One year: the choice outlives sessions, as a reader expects of a language setting. */
const COOKIE_MAX_AGE = 365 * 24 * 3600;

function cookieLocale(): Locale | null {
  const pair = document.cookie.split("; ").find((part) => part.startsWith(`${LOCALE_COOKIE}=`));
  return asLocale(pair?.slice(LOCALE_COOKIE.length + 1));
}

/** The reader's language: the one they picked (the `lang` cookie), else their browser's first we speak. */
export const locale: Locale = cookieLocale() ?? pickLocale(navigator.languages ?? [navigator.language]);

/**
 * A string of the reader's language, placeholders filled.
 *
 *     t("api.retryIn", { seconds: 42 }) // "Too many attempts. Try again in 42 s."
 */
export function t(key: MessageKey, params?: Params): string {
  return format(CATALOGUES[locale][key], params);
}

/** Keys that differ by number: `<base>.one` and `<base>.other`, as `Intl.PluralRules` of the language says. */
type Counted = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

/**
 * The form of a counted string for `count`, `{count}` filled.
 *
 *     plural("mailbox.count", 1) // "1 message."
 */
export function plural(base: Counted, count: number, params: Params = {}): string {
  const form = new Intl.PluralRules(locale).select(count) === "one" ? "one" : "other";
  return t(`${base}.${form}` as MessageKey, { count, ...params });
}

/** Whether the catalogue has this key (problem codes the server may add before the site knows them). */
export function hasMessage(key: string): key is MessageKey {
  return key in CATALOGUES[locale];
}

/**
 * Remembers a choice in the `lang` cookie, which the user Worker reads too (mail in the
 * same language): not HttpOnly for that reason, Secure and SameSite=Lax like every other.
 */
export function rememberLocale(chosen: Locale): void {
  document.cookie = `${LOCALE_COOKIE}=${chosen}; Path=/; Max-Age=${COOKIE_MAX_AGE}; SameSite=Lax; Secure`;
}
