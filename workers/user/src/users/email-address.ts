/**
 * The one way an email address is compared and stored: trimmed, NFKC, lower-cased.
 * `Ａda@Example.COM ` and `ada@example.com` are one account.
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize("NFKC").toLowerCase();
}

// Deliberately plain: one @, a dotted domain, no spaces, controls or header-breaking characters.
const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"\p{Cc}]{1,64}@(?:[^\s@<>()[\]\\,;:"\p{Cc}.]+\.)+[^\s@<>()[\]\\,;:"\p{Cc}.]{2,}$/u;

export function isValidEmail(normalized: string): boolean {
  return normalized.length <= 254 && EMAIL_PATTERN.test(normalized);
}
