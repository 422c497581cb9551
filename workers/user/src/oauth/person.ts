/** Who the provider says signed in: its stable id for them, and an address only when it vouches for it. */
export interface Person {
  subject: string;
  email: string | null;
  /** True only when the provider says it verified `email` (OIDC `email_verified`, GitHub's verified primary). */
  emailVerified: boolean;
  name: string | null;
}

const MAX_SUBJECT = 255;
const MAX_NAME = 100;
const UNSAFE_IN_NAME = /[\p{C}]/gu;

/** Bounds what a provider sends before anything is stored: a subject of at most 255 characters, a plain name. */
export function personOf(subject: unknown, email: unknown, verified: unknown, name: unknown): Person | null {
  if (typeof subject !== "string" && typeof subject !== "number") return null;
  const id = String(subject);
  if (id.length === 0 || id.length > MAX_SUBJECT) return null;
  const address = typeof email === "string" && email.length <= 320 ? email : null;
  const display = typeof name === "string" ? name.replace(UNSAFE_IN_NAME, "").trim().slice(0, MAX_NAME) || null : null;
  return { subject: id, email: address, emailVerified: address !== null && verified === true, name: display };
}
