/**
 * Language helpers the site and the user Worker share: choosing a language from what a
 * reader asked for, filling `{name}` placeholders, and checking that a translation has
 * exactly the keys and placeholders of its reference. No dependency; plurals, where a
 * string needs them, are separate keys chosen with the built-in `Intl.PluralRules`.
 */

/** The languages this product speaks, the first being the reference every other translates. */
export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The cookie that remembers the reader's choice; readable by scripts and servers alike. */
export const LOCALE_COOKIE = "lang";

/** A supported locale for one tag ("fr-CA" → "fr"), or null. */
export function asLocale(tag: string | null | undefined): Locale | null {
  const primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return (LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : null;
}

/**
 * The first supported locale among tags in order of preference, else the default.
 *
 *     pickLocale(["de-DE", "fr-CH", "en"]) // "fr"
 */
export function pickLocale(tags: readonly string[]): Locale {
  for (const tag of tags) {
    const locale = asLocale(tag);
    if (locale !== null) return locale;
  }
  return DEFAULT_LOCALE;
}

/**
 * The tags of an Accept-Language header, most wanted first (q=0 ones dropped).
 *
 *     acceptedLanguages("de;q=0.5, fr-CH") // ["fr-CH", "de"]
 */
export function acceptedLanguages(header: string | null): string[] {
  return (header ?? "")
    .split(",")
    .slice(0, 20)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== "" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

export type Params = Record<string, string | number>;

/**
 * A catalogue string with its `{name}` placeholders filled; an unknown one stays as written.
 *
 *     format("Try again in {seconds} s.", { seconds: 42 }) // "Try again in 42 s."
 */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** The placeholder names of a catalogue string, sorted. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

/**
 * What is wrong with a translation against its reference: missing or extra keys, empty
 * strings, placeholders that differ. An empty list means complete.
 */
export function catalogueProblems(reference: Record<string, string>, translation: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(reference)) {
    const text = translation[key];
    if (text === undefined) problems.push(`missing: ${key}`);
    else if (text.trim() === "") problems.push(`empty: ${key}`);
    else if (placeholders(text).join() !== placeholders(reference[key]!).join()) problems.push(`placeholders differ: ${key}`);
  }
  for (const key of Object.keys(translation)) if (!(key in reference)) problems.push(`extra: ${key}`);
  return problems;
}
