import { HttpProblem, sha256 } from "@workers-users/shared";

// Standard base64 with Web APIs alone: a second copy of an encoding library would cost the Worker's size budget.
const encodeBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const decodeBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

/** The key TOTP secrets are encrypted with, and its id (stored with each secret, so the key can rotate). */
export interface MfaKey {
  id: string;
  key: CryptoKey;
}

/** An encrypted TOTP secret as D1 keeps it. */
export interface SealedSecret {
  ciphertext: string;
  iv: string;
  keyId: string;
}

const keys = new WeakMap<object, Promise<MfaKey | null>>();

async function importKey(text: string | undefined): Promise<MfaKey | null> {
  if (!text) return null;
  let raw: Uint8Array;
  try {
    raw = decodeBase64(text.trim());
  } catch {
    return null;
  }
  // atob also takes unpadded text: the length alone says whether it is a 32-byte key.
  if (raw.byteLength !== 32) return null;
  const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  // A fingerprint, not the key: which key sealed a secret, without revealing it.
  return { id: (await sha256(`mfa-key:${text.trim()}`)).slice(0, 16), key };
}

/**
 * `MFA_ENCRYPTION_KEY` (base64 of 32 bytes), imported once per isolate. Missing or malformed,
 * every second-factor operation fails closed with 503 MFA_UNAVAILABLE: never a secret in clear.
 */
export async function mfaKey(env: Env): Promise<MfaKey> {
  let pending = keys.get(env);
  if (!pending) keys.set(env, (pending = importKey(env.MFA_ENCRYPTION_KEY)));
  const key = await pending;
  if (key === null) throw new HttpProblem("MFA_UNAVAILABLE");
  return key;
}

/** AES-256-GCM with the user id as associated data: a sealed secret moved to another user's row does not open. */
export async function seal(env: Env, userId: string, secret: Uint8Array): Promise<SealedSecret> {
  const { id, key } = await mfaKey(env);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(userId) }, key, secret);
  return { ciphertext: encodeBase64(new Uint8Array(sealed)), iv: encodeBase64(iv), keyId: id };
}

/** The secret, or 503 MFA_UNAVAILABLE when it was sealed with another key or does not open. */
export async function unseal(env: Env, userId: string, sealed: SealedSecret): Promise<Uint8Array> {
  const { id, key } = await mfaKey(env);
  if (sealed.keyId !== id) throw new HttpProblem("MFA_UNAVAILABLE", { detail: "The second factor was sealed with a key this server does not hold." });
  try {
    const params = { name: "AES-GCM", iv: decodeBase64(sealed.iv), additionalData: new TextEncoder().encode(userId) };
    return new Uint8Array(await crypto.subtle.decrypt(params, key, decodeBase64(sealed.ciphertext)));
  } catch {
    throw new HttpProblem("MFA_UNAVAILABLE", { detail: "The second factor could not be read." });
  }
}
