// Serialized into the dynamic provider, and imported by the local stack and the tests: no
// run-time imports, Web Crypto (a global) only, so the closure serializes under `pulumi up`.
import type * as pulumi from "@pulumi/pulumi";

/** A fresh `MFA_ENCRYPTION_KEY`: base64 of 32 random bytes (AES-256-GCM). */
export function newMfaEncryptionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes));
}

/** State: the key, marked secret in state and outputs. */
export interface MfaKeyOutputs {
  key: string;
}

/**
 * The stack's key for TOTP secrets, made once and never changed by the program: a new key
 * would leave every stored secret unreadable. Nothing lives at Cloudflare but the Worker's
 * secret, so `read` keeps the state.
 */
export const mfaKeyProvider = {
  async check(_olds: Record<string, never>, news: Record<string, never>) {
    return { inputs: news, failures: [] };
  },
  async diff() {
    return { changes: false, replaces: [] };
  },
  async create() {
    return { id: "mfa-encryption-key", outs: { key: newMfaEncryptionKey() } };
  },
  async read(id: string, state?: MfaKeyOutputs) {
    return { id, props: state };
  },
  async update(_id: string, olds: MfaKeyOutputs) {
    return { outs: olds };
  },
  // The key lives only in state and in the Worker's secret, which goes with the Worker.
  async delete() {},
} satisfies pulumi.dynamic.ResourceProvider<Record<string, never>, MfaKeyOutputs>;
