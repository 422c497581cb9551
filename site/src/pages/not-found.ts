// The 404 page has no behaviour of its own: the build injects the language boot (i18n/page.ts) into every page.
export {};
