import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { acceptedLanguages, catalogueProblems, format, pickLocale, placeholders } from "@workers-users/shared";
import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en";
import { fr } from "../src/i18n/fr";

const PUBLIC = fileURLToPath(new URL("../public", import.meta.url));
// What the pages fill in themselves (i18n/page.ts): the product's name and the password limits.
const SETTINGS = ["app", "max", "min"];

function pages(): { file: string; html: string }[] {
  return readdirSync(PUBLIC, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .map((file) => ({ file, html: readFileSync(join(PUBLIC, file), "utf8") }));
}

describe("the site's catalogues", () => {
  it("French has every English key, no other, each with the same placeholders", () => {
    expect(catalogueProblems(en, fr)).toEqual([]);
  });

  it("finds a missing key, an extra key, an empty string and a changed placeholder", () => {
    const reference = { a: "Hello {name}", b: "Bye", c: "Soon" };
    expect(catalogueProblems(reference, { a: "Bonjour {nom}", c: " ", d: "extra" })).toEqual([
      "placeholders differ: a",
      "missing: b",
      "empty: c",
      "extra: d",
    ]);
  });

  it("every key a page names exists, and each sentence's placeholders are its links or the build's settings", () => {
    const keys = new Set(Object.keys(en));
    let named = 0;
    for (const { file, html } of pages()) {
      // An element with data-i18n, up to its closing tag when it has slotted children.
      for (const match of html.matchAll(/<(\w+)[^>]*\sdata-i18n="([^"]+)"[^>]*>([\s\S]*?)<\/\1>/g)) {
        const [, , key, inner] = match as unknown as [string, string, string, string];
        named++;
        expect(keys.has(key), `${file}: unknown key ${key}`).toBe(true);
        const slots = [...inner.matchAll(/data-slot="(\w+)"/g)].map((m) => m[1]!);
        const wanted = placeholders(en[key as keyof typeof en]).filter((name) => !SETTINGS.includes(name));
        expect(wanted, `${file}: ${key}`).toEqual([...slots].sort());
      }
      for (const match of html.matchAll(/\sdata-i18n-[\w-]+="([^"]+)"/g)) expect(keys.has(match[1]!), `${file}: ${match[1]}`).toBe(true);
    }
    expect(named).toBeGreaterThan(50);
  });
});

describe("choosing a language", () => {
  it("takes the first the reader accepts that the site speaks, by region-free tag, else English", () => {
    expect(pickLocale(["de-DE", "fr-CH", "en"])).toBe("fr");
    expect(pickLocale(["en-GB", "fr"])).toBe("en");
    expect(pickLocale(["de", "it"])).toBe("en");
    expect(pickLocale([])).toBe("en");
  });

  it("reads Accept-Language by quality, keeps the header's order on ties, drops q=0", () => {
    expect(acceptedLanguages("de;q=0.5, fr-CH, en;q=0.8")).toEqual(["fr-CH", "en", "de"]);
    expect(acceptedLanguages("fr;q=0, en")).toEqual(["en"]);
    expect(acceptedLanguages(null)).toEqual([]);
  });

  it("fills placeholders and leaves an unknown one as written", () => {
    expect(format("Try again in {seconds} s.", { seconds: 42 })).toBe("Try again in 42 s.");
    expect(format("{a} and {b}", { a: "x" })).toBe("x and {b}");
  });
});
