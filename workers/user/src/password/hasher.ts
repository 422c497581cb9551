import { argon2idHash, argon2idVerify } from "./argon2-wasm";
import { ARGON2_VERSION, costProblem, parsePhc, randomPhc } from "./phc";

export interface Argon2Params { memoryKiB: number; iterations: number; parallelism: number }

/** OWASP Password Storage Cheat Sheet: Argon2id, 19 MiB, 2 iterations, 1 lane. */
export const OWASP_ARGON2: Argon2Params = { memoryKiB: 19456, iterations: 2, parallelism: 1 };

export interface PasswordHasher {
  /** PHC string `$argon2id$v=19$m=..,t=..,p=..$salt$hash`. */
  hash(password: string): Promise<string>;
  /** `false` (never throws) on mismatch or malformed PHC. */
  verify(phc: string, password: string): Promise<boolean>;
  /** Same cost as `verify`: run it for unknown emails so they answer as slowly as known ones. */
  dummyVerify(password: string): Promise<void>;
  /** `true` when the PHC's m/t/p/version differ from the configured ones (or it is unreadable). */
  needsRehash(phc: string): boolean;
}

const SALT_BYTES = 16;
const HASH_BYTES = 32;

// NFKC first, so one password typed on different keyboards or systems (composed or
// decomposed accents, full-width digits) always becomes the same bytes (NIST SP 800-63B).
function passwordBytes(password: string): Uint8Array {
  return new TextEncoder().encode(password.normalize("NFKC"));
}

/**
 * Creates an Argon2id hasher with fixed parameters. Create it once per isolate: it holds the
 * dummy hash used for unknown users, and all hashers share one WASM instance.
 * Throws when `params` are outside what libargon2 accepts or above `MAX_COST`.
 */
export function createHasher(params: Argon2Params): PasswordHasher {
  const problem = costProblem(params);
  if (problem) throw new RangeError(`Invalid Argon2 parameters: ${problem}`);
  const cost: Argon2Params = { ...params };
  // Its hash bytes are random, so no password matches; only the time it costs matters.
  // Made on first use: workerd refuses random values at global scope, where this may run.
  let dummyPhc: string | undefined;

  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
      return argon2idHash(passwordBytes(password), salt, cost);
    },

    async verify(phc, password) {
      if (typeof password !== "string") return false;
      const stored = parsePhc(phc);
      if (!stored || costProblem(stored)) return false;
      return argon2idVerify(phc, passwordBytes(password), stored.memoryKiB);
    },

    async dummyVerify(password) {
      dummyPhc ??= randomPhc(cost, SALT_BYTES, HASH_BYTES);
      argon2idVerify(dummyPhc, passwordBytes(typeof password === "string" ? password : ""), cost.memoryKiB);
    },

    needsRehash(phc) {
      const stored = parsePhc(phc);
      return (
        !stored ||
        stored.version !== ARGON2_VERSION ||
        stored.memoryKiB !== cost.memoryKiB ||
        stored.iterations !== cost.iterations ||
        stored.parallelism !== cost.parallelism
      );
    },
  };
}
