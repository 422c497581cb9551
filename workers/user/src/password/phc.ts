import type { Argon2Params } from "./hasher";

/** What an Argon2id PHC string says about how it was made. */
export interface PhcParams extends Argon2Params { version: number }

export const ARGON2_VERSION = 19;

/**
 * Upper bounds on the cost a stored hash may ask for. A corrupted or planted PHC with
 * m=4 GiB would otherwise take the whole isolate (128 MB) down on one login; WASM memory
 * never shrinks, so even 64 MiB stays reserved for the isolate's lifetime.
 */
export const MAX_COST: Readonly<Argon2Params> = { memoryKiB: 65536, iterations: 10, parallelism: 8 };
export const MAX_PHC_LENGTH = 256;

const PHC = /^\$argon2id\$v=(\d{1,3})\$m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,3})\$[A-Za-z0-9+/]{11,}\$[A-Za-z0-9+/]{11,}$/;

/** Parses `$argon2id$v=19$m=..,t=..,p=..$salt$hash`; `undefined` when it is anything else. */
export function parsePhc(phc: string): PhcParams | undefined {
  if (typeof phc !== "string" || phc.length > MAX_PHC_LENGTH) return undefined;
  const match = PHC.exec(phc);
  if (!match) return undefined;
  const [version, memoryKiB, iterations, parallelism] = match.slice(1, 5).map(Number) as [number, number, number, number];
  return { version, memoryKiB, iterations, parallelism };
}

/** Why `cost` cannot be used (outside what libargon2 accepts or above MAX_COST), or `undefined`. */
export function costProblem(cost: Argon2Params): string | undefined {
  const { memoryKiB: m, iterations: t, parallelism: p } = cost;
  if (![m, t, p].every(Number.isSafeInteger)) return "Argon2 parameters must be integers";
  if (p < 1 || p > MAX_COST.parallelism) return `parallelism must be 1..${MAX_COST.parallelism}`;
  if (t < 1 || t > MAX_COST.iterations) return `iterations must be 1..${MAX_COST.iterations}`;
  if (m < 8 * p || m > MAX_COST.memoryKiB) return `memoryKiB must be ${8 * p}..${MAX_COST.memoryKiB}`;
  return undefined;
}

/** Standard base64 without padding, as the PHC format writes salts and hashes. */
export function toPhcBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, "");
}

/** A PHC string with the given cost, a random salt and a random (unreachable) hash. */
export function randomPhc(cost: Argon2Params, saltBytes: number, hashBytes: number): string {
  const { memoryKiB: m, iterations: t, parallelism: p } = cost;
  const salt = toPhcBase64(crypto.getRandomValues(new Uint8Array(saltBytes)));
  const hash = toPhcBase64(crypto.getRandomValues(new Uint8Array(hashBytes)));
  return `$argon2id$v=${ARGON2_VERSION}$m=${m},t=${t},p=${p}$${salt}$${hash}`;
}
