// Serialized into the dynamic provider, and imported by the local stack: no run-time
// imports at all, and Web Crypto (a global) rather than Node's modules, so the closure
// serializes under `pulumi up` and in the mocked-program tests alike.
import type { webcrypto } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";

/** A public Ed25519 key as JWKS publishes it. */
export interface PublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
}

/**
 * What the user Worker's `TOKEN_SIGNING_KEYS` secret holds: the key that signs now,
 * and the one it replaced, published until tokens it signed have expired.
 */
export interface SigningKeys {
  current: { kid: string; privateJwk: PublicJwk & { d: string } };
  previous?: { kid: string; publicJwk: PublicJwk; retiredAt: number };
}

/** A fresh Ed25519 key; its `kid` is the RFC 7638 thumbprint of the public key. */
export async function newSigningKey(): Promise<SigningKeys["current"]> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", pair.privateKey)) as { x: string; d: string };
  const publicJwk: PublicJwk = { kty: "OKP", crv: "Ed25519", x: jwk.x };
  return { kid: await thumbprint(publicJwk), privateJwk: { ...publicJwk, d: jwk.d } };
}

/** A rotation: a new key signs from now on; the old one's public half stays, marked retired now. */
export async function rotate(keys: SigningKeys, nowSeconds: number): Promise<SigningKeys> {
  const { kty, crv, x } = keys.current.privateJwk;
  return { current: await newSigningKey(), previous: { kid: keys.current.kid, publicJwk: { kty, crv, x }, retiredAt: nowSeconds } };
}

async function thumbprint(jwk: PublicJwk): Promise<string> {
  // Members in lexicographic order, no whitespace (RFC 7638 §3).
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return Buffer.from(digest).toString("base64url");
}

export interface SigningKeysInputs {
  /** Raised by one to rotate (stack config `tokenKeyGeneration`). */
  generation: number;
}

/** State: the keys as the Worker's secret gets them (JSON), marked secret in state and outputs. */
export interface SigningKeysOutputs {
  generation: number;
  keys: string;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The stack's token signing keys, made here so they exist nowhere but Pulumi's encrypted
 * state and the Worker's secret. Nothing lives at Cloudflare, so `read` keeps the state.
 */
export const signingKeysProvider = {
  async check(_olds: SigningKeysInputs, news: SigningKeysInputs) {
    const ok = Number.isInteger(news.generation) && news.generation >= 1;
    return { inputs: news, failures: ok ? [] : [{ property: "generation", reason: "tokenKeyGeneration is a whole number from 1 up" }] };
  },
  async diff(_id: string, olds: SigningKeysOutputs, news: SigningKeysInputs) {
    return { changes: olds.generation !== news.generation, replaces: [] };
  },
  async create(inputs: SigningKeysInputs) {
    const keys: SigningKeys = { current: await newSigningKey() };
    return { id: "token-signing-keys", outs: { generation: inputs.generation, keys: JSON.stringify(keys) } };
  },
  async read(id: string, state?: SigningKeysOutputs) {
    return { id, props: state };
  },
  /** A new generation rotates: a lower one is refused, since a key once retired must not sign again. */
  async update(_id: string, olds: SigningKeysOutputs, news: SigningKeysInputs) {
    if (news.generation < olds.generation) {
      throw new Error(`tokenKeyGeneration went from ${olds.generation} down to ${news.generation}: raise it to rotate, never lower it`);
    }
    return { outs: { generation: news.generation, keys: JSON.stringify(await rotate(JSON.parse(olds.keys) as SigningKeys, nowSeconds())) } };
  },
  // The keys live only in state and in the Worker's secret, which goes with the Worker.
  async delete() {},
} satisfies pulumi.dynamic.ResourceProvider<SigningKeysInputs, SigningKeysOutputs>;
