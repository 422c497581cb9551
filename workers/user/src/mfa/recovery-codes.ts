import { nowSeconds, sha256 } from "@workers-users/shared";
import { replaceRecoveryCodes } from "./store";

/** How many recovery codes a user gets at once; each works once. */
export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32 without I, L, O, U: nothing to misread when typed from paper.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 12 characters of 32: 60 random bits, shown as three groups of four. */
const LENGTH = 12;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = crypto.getRandomValues(new Uint8Array(LENGTH));
    // 256 is a multiple of 32: each byte picks a character without bias.
    const chars = Array.from(bytes, (b) => ALPHABET[b % 32]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

/** The form a typed code is hashed in: case, spaces and dashes do not matter. Null when it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, "");
  return code.length === LENGTH && [...code].every((ch) => ALPHABET.includes(ch)) ? code : null;
}

/**
 * Only hashes are stored: 60 random bits need no slow hash, and the user's id (a random UUID)
 * salts them, so a copy of the table cannot be attacked for every user at once.
 */
export async function hashRecoveryCode(userId: string, normalized: string): Promise<string> {
  return sha256(`recovery:${userId}:${normalized}`);
}

/** Ten new codes for the user, replacing any before; only their hashes are kept. */
export async function issueRecoveryCodes(db: D1Database, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  const hashes = await Promise.all(codes.map((code) => hashRecoveryCode(userId, normalizeRecoveryCode(code)!)));
  await replaceRecoveryCodes(db, userId, hashes, nowSeconds());
  return codes;
}
