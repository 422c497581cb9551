import { HttpProblem } from "@workers-users/shared";
import { getConfig } from "../config";
import { isCommonPassword } from "../db/common-passwords";
import { rehashPassword, type UserRow } from "../db/users";
import { isBreached } from "../password/breached";
import { createHasher, type PasswordHasher } from "../password/hasher";
import { passwordProblems } from "../password/policy";

const hashers = new Map<string, PasswordHasher>();

/** One hasher per parameter set and isolate (it wraps the isolate's one WASM instance). */
export function hasherFor(env: Env): PasswordHasher {
  const params = getConfig(env).argon2;
  const key = `${params.memoryKiB}:${params.iterations}:${params.parallelism}`;
  let hasher = hashers.get(key);
  if (!hasher) hashers.set(key, (hasher = createHasher(params)));
  return hasher;
}

/**
 * Throws when a new password may not be used: 400 VALIDATION_FAILED for its
 * length, 400 WEAK_PASSWORD when it is the email address, one of the most
 * common passwords, or (when enabled and reachable) found in a breach.
 */
export async function assertNewPassword(env: Env, password: string, field: string, email: string): Promise<void> {
  const config = getConfig(env);
  const lengthProblems = passwordProblems(password, config.password);
  if (lengthProblems.length > 0) {
    throw new HttpProblem("VALIDATION_FAILED", { errors: lengthProblems.map((message) => ({ path: field, message })) });
  }
  const weak = (message: string) => new HttpProblem("WEAK_PASSWORD", { detail: message, errors: [{ path: field, message }] });
  const folded = password.normalize("NFKC").toLowerCase();
  if (folded === email || folded === email.slice(0, email.indexOf("@"))) throw weak("Do not use your email address as your password.");
  if (await isCommonPassword(env.DB, folded)) throw weak("This is one of the most common passwords. Choose another.");
  if (config.breachedPasswordCheck && (await isBreached(password)) === true) {
    throw weak("This password has appeared in a data breach. Choose another.");
  }
}

/**
 * Checks a password against a user, or against nothing at the same cost when
 * there is no such user, so unknown and known emails answer in the same time.
 * Old parameters are upgraded on a successful check.
 */
export async function checkPassword(env: Env, user: UserRow | null, password: string): Promise<boolean> {
  const hasher = hasherFor(env);
  // No user, or an account made by a provider that has no password yet ('' matches nothing): the same cost either way.
  if (user === null || user.password_hash === "") {
    await hasher.dummyVerify(password);
    return false;
  }
  if (!(await hasher.verify(user.password_hash, password))) return false;
  if (hasher.needsRehash(user.password_hash)) await rehashPassword(env.DB, user.id, await hasher.hash(password));
  return true;
}
