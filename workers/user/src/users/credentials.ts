import { HttpProblem } from "@workers-users/shared";
import { getConfig } from "../config";
import { rehashPassword, type UserRow } from "../db/users";
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

/** Throws 400 VALIDATION_FAILED naming `field` when a new password breaks the policy. */
export function assertPasswordPolicy(env: Env, password: string, field: string): void {
  const problems = passwordProblems(password, getConfig(env).password);
  if (problems.length > 0) {
    throw new HttpProblem("VALIDATION_FAILED", { errors: problems.map((message) => ({ path: field, message })) });
  }
}

/**
 * Checks a password against a user, or against nothing at the same cost when
 * there is no such user, so unknown and known emails answer in the same time.
 * Old parameters are upgraded on a successful check.
 */
export async function checkPassword(env: Env, user: UserRow | null, password: string): Promise<boolean> {
  const hasher = hasherFor(env);
  if (user === null) {
    await hasher.dummyVerify(password);
    return false;
  }
  if (!(await hasher.verify(user.password_hash, password))) return false;
  if (hasher.needsRehash(user.password_hash)) await rehashPassword(env.DB, user.id, await hasher.hash(password));
  return true;
}
