import type { JWK } from "jose";
import { TOKEN_MAX_TTL } from "../config";

/** What `TOKEN_SIGNING_KEYS` holds (made by the Pulumi program, or the local stack). */
interface StoredKeys {
  current: { kid: string; privateJwk: JWK };
  previous?: { kid: string; publicJwk: JWK; retiredAt: number };
}

export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

export const ALGORITHM = "EdDSA";

/** A retired key stays published this long: the longest a token lives, and a minute of clock skew. */
const PUBLISHED_AFTER_RETIRING = TOKEN_MAX_TTL + 60;

const parsed = new Map<string, { stored: StoredKeys; signing: Promise<SigningKey> }>();

/** Parsed and imported once per isolate and value of the secret. A missing or broken value is a deploy bug. */
function keysOf(env: Env): { stored: StoredKeys; signing: Promise<SigningKey> } {
  const text = env.TOKEN_SIGNING_KEYS;
  if (!text) throw new Error("TOKEN_SIGNING_KEYS is not set");
  let entry = parsed.get(text);
  if (!entry) {
    const stored = JSON.parse(text) as StoredKeys;
    if (stored.current?.privateJwk?.crv !== "Ed25519" || !stored.current.kid) throw new Error("TOKEN_SIGNING_KEYS holds no Ed25519 key");
    // Web Crypto imports the one key type used here; jose's importJWK would bring every other type's code along.
    const signing = crypto.subtle
      .importKey("jwk", stored.current.privateJwk as JsonWebKey, { name: "Ed25519" }, false, ["sign"])
      .then((key) => ({ kid: stored.current.kid, key }));
    parsed.set(text, (entry = { stored, signing }));
  }
  return entry;
}

/** The key that signs now. */
export function signingKey(env: Env): Promise<SigningKey> {
  return keysOf(env).signing;
}

/** The public keys to publish now: the current one, and the previous one until its tokens have expired. */
export function publishedKeys(env: Env, now: number): JWK[] {
  const { current, previous } = keysOf(env).stored;
  const { kty, crv, x } = current.privateJwk;
  const keys: JWK[] = [{ kty, crv, x, kid: current.kid, alg: ALGORITHM, use: "sig" }];
  if (previous && now < previous.retiredAt + PUBLISHED_AFTER_RETIRING) {
    keys.push({ ...previous.publicJwk, kid: previous.kid, alg: ALGORITHM, use: "sig" });
  }
  return keys;
}
