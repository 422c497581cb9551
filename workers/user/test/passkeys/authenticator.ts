import { base64url } from "@workers-users/shared";
import { encodeCbor } from "./cbor";

/**
 * A software passkey (a platform authenticator written with WebCrypto): an ES256 key,
 * `none` attestation, authenticator data with its flags and signature counter, and the
 * clientDataJSON a browser would make. Every field can be made wrong on purpose.
 */
export interface Ceremony {
  challenge: string;
  origin?: string;
  rpId?: string;
  /** Flags: user present and verified unless said otherwise. */
  userVerified?: boolean;
  counter?: number;
  type?: string;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;
export const RP_ID = "localhost";
export const RP_ORIGIN = "http://localhost:8787";

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const sha256 = async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
const utf8 = (text: string) => new TextEncoder().encode(text);

/** ECDSA signatures as WebAuthn carries them: ASN.1 DER, not WebCrypto's r || s. */
function derSignature(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    const trimmed = bytes.slice(i);
    const body = trimmed[0]! & 0x80 ? concat(Uint8Array.of(0), trimmed) : trimmed;
    return concat(Uint8Array.of(0x02, body.length), body);
  };
  const seq = concat(integer(raw.slice(0, 32)), integer(raw.slice(32)));
  return concat(Uint8Array.of(0x30, seq.length), seq);
}

export class SoftwareAuthenticator {
  readonly id = base64url(crypto.getRandomValues(new Uint8Array(16)));
  counter = 0;
  #keys: Promise<CryptoKeyPair> = crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]) as Promise<CryptoKeyPair>;
  /** The user handle the registration options gave (base64url), returned with each assertion. */
  userHandle: string | null = null;

  async #authData(c: Ceremony, attested: Uint8Array | null): Promise<Uint8Array> {
    const flags = FLAG_UP | (c.userVerified === false ? 0 : FLAG_UV) | (attested ? FLAG_AT : 0);
    const counter = new Uint8Array(4);
    new DataView(counter.buffer).setUint32(0, c.counter ?? this.counter);
    return concat(await sha256(utf8(c.rpId ?? RP_ID)), Uint8Array.of(flags), counter, attested ?? new Uint8Array());
  }

  #clientData(c: Ceremony, type: string): Uint8Array {
    return utf8(JSON.stringify({ type: c.type ?? type, challenge: c.challenge, origin: c.origin ?? RP_ORIGIN, crossOrigin: false }));
  }

  /** What `navigator.credentials.create()` answers, as JSON. */
  async register(c: Ceremony, userHandle: string) {
    this.userHandle = userHandle;
    const jwk = (await crypto.subtle.exportKey("jwk", (await this.#keys).publicKey)) as JsonWebKey;
    const b64 = (s: string) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0));
    const cose = encodeCbor(new Map<number, number | Uint8Array>([[1, 2], [3, -7], [-1, 1], [-2, b64(jwk.x!)], [-3, b64(jwk.y!)]]));
    const idBytes = b64(this.id);
    const attested = concat(new Uint8Array(16), Uint8Array.of(idBytes.length >> 8, idBytes.length & 0xff), idBytes, cose);
    const authData = await this.#authData(c, attested);
    const attestationObject = encodeCbor(new Map<string, string | Uint8Array | Map<string, string>>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]));
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: { clientDataJSON: base64url(this.#clientData(c, "webauthn.create")), attestationObject: base64url(attestationObject), transports: ["internal"] },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  /** What `navigator.credentials.get()` answers, as JSON; the counter moves on first (unless given). */
  async assert(c: Ceremony) {
    if (c.counter === undefined) this.counter++;
    const authData = await this.#authData(c, null);
    const clientData = this.#clientData(c, "webauthn.get");
    const raw = new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, (await this.#keys).privateKey, concat(authData, await sha256(clientData))));
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: { clientDataJSON: base64url(clientData), authenticatorData: base64url(authData), signature: base64url(derSignature(raw)), userHandle: this.userHandle },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }
}
