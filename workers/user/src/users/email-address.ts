/**
 * The one way an email address is compared and stored: trimmed, NFKC, lower-cased.
 * `Ａda@Example.COM ` and `ada@example.com` are one account.
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize("NFKC").toLowerCase();
}

// Deliberately plain: one @, a dotted domain, no spaces or header-breaking characters, and
// nothing of Unicode's category C (controls, and format characters such as U+200B or U+202E,
// which would make look-alike accounts of one visible address).
const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"\p{C}]{1,64}@(?:[^\s@<>()[\]\\,;:"\p{C}.]+\.)+[^\s@<>()[\]\\,;:"\p{C}.]{2,}$/u;

export function isValidEmail(normalized: string): boolean {
  return normalized.length <= 254 && EMAIL_PATTERN.test(normalized);
}
