const encoder = new TextEncoder();

/**
 * Encodes bytes as unpadded base64url (RFC 4648 §5).
 *
 * @example
 * base64url(new Uint8Array([251, 255])) // "-_8"
 */
export function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * Decodes unpadded base64url back to bytes; throws on characters outside the alphabet.
 *
 * @example
 * fromBase64url("-_8") // Uint8Array [251, 255]
 */
export function fromBase64url(text: string): Uint8Array {
  return Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (ch) => ch.charCodeAt(0));
}

/**
 * A fresh random secret: `bytes` bytes from the CSPRNG, base64url-encoded.
 * 32 bytes give 256 bits, far beyond guessing.
 *
 * @example
 * const token = randomToken(); // 43 characters
 */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * SHA-256 of a string, base64url-encoded. Tokens are stored only as this hash,
 * so a leaked table or KV listing cannot be replayed as cookies or links.
 *
 * @example
 * const key = await sha256(token);
 */
export async function sha256(value: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(value));
  return base64url(new Uint8Array(digest));
}

/**
 * Compares two byte arrays in time that depends only on their length, to
 * prevent timing attacks on secrets.
 *
 * @example
 * timingSafeEqual(encode(a), encode(b))
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * Compares two secret strings in constant time. Both sides are hashed first,
 * so neither their content nor their length shows in the timing.
 *
 * @example
 * if (await secretsEqual(given, expected)) { ... }
 */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([sha256(a), sha256(b)]);
  return timingSafeEqual(encoder.encode(ha), encoder.encode(hb));
}
