/**
 * Runs first on every page (the build injects it into each bundle): sets `<html lang>`,
 * puts the catalogue's words into the page's static text, and adds the language picker.
 *
 * Static text carries `data-i18n="key"` (its text) and `data-i18n-<attribute>="key"` (an
 * attribute, e.g. `data-i18n-aria-label`). In a sentence with links, each link is a child
 * marked `data-slot="name"`, placed where the string says `{name}`.
 */
import { LOCALES } from "@workers-users/shared";
import { LANGUAGE_NAMES, locale, rememberLocale, t, type MessageKey } from "./index";

// The product's name and the password limits, as the build put them in.
const SETTINGS = { app: __APP_NAME__, min: __PASSWORD_MIN_LENGTH__, max: __PASSWORD_MAX_LENGTH__ };

/** The element's text from its key: placeholders are the settings or its slotted children. */
function translateText(element: HTMLElement, key: MessageKey): void {
  const slots = new Map<string, Element>();
  for (const child of element.querySelectorAll(":scope > [data-slot]")) slots.set(child.getAttribute("data-slot") ?? "", child);
  const parts = t(key, SETTINGS).split(/\{(\w+)\}/);
  element.replaceChildren(...parts.map((part, i) => (i % 2 === 1 && slots.has(part) ? slots.get(part)! : document.createTextNode(i % 2 === 1 ? `{${part}}` : part))));
}

export function translatePage(root: ParentNode = document): void {
  for (const element of root.querySelectorAll<HTMLElement>("[data-i18n]")) translateText(element, element.dataset["i18n"] as MessageKey);
  for (const element of root.querySelectorAll<HTMLElement>("*")) {
    for (const { name, value } of [...element.attributes]) {
      if (name.startsWith("data-i18n-")) element.setAttribute(name.slice("data-i18n-".length), t(value as MessageKey, SETTINGS));
    }
  }
}

/** A footer with one button per language; the current one is marked, a click remembers the choice and reloads. */
function languagePicker(): HTMLElement {
  const nav = document.createElement("nav");
  nav.className = "language-picker";
  nav.setAttribute("aria-label", t("language.label"));
  for (const option of LOCALES) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link";
    button.lang = option;
    button.textContent = LANGUAGE_NAMES[option];
    if (option === locale) button.setAttribute("aria-current", "true");
    button.addEventListener("click", () => {
      rememberLocale(option);
      location.reload();
    });
    nav.append(button);
  }
  const footer = document.createElement("footer");
  footer.append(nav);
  return footer;
}

document.documentElement.lang = locale;
translatePage();
document.body.append(languagePicker());
