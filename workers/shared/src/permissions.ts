/**
 * Permissions are `resource:action` strings. A grant of `resource:*` covers
 * every action on that resource, and `*` covers everything. What is required
 * is always concrete: asking for a wildcard is a bug and is never satisfied.
 */

/** The permissions this project's own routes check; adopting apps add theirs (e.g. `notes:write`). */
export const BUILT_IN_PERMISSIONS = [
  "users:read",
  "users:write",
  "users:delete",
  "roles:read",
  "roles:write",
  "roles:assign",
  "sessions:read",
  "sessions:revoke",
  "audit:read",
  "account:read",
  "account:write",
] as const;

export type BuiltInPermission = (typeof BUILT_IN_PERMISSIONS)[number];

const NAME = "[a-z][a-z0-9_-]{0,31}";
const CONCRETE = new RegExp(`^${NAME}:${NAME}$`);
const GRANT = new RegExp(`^(?:\\*|${NAME}:(?:\\*|${NAME}))$`);

/**
 * Whether `value` is a well-formed grant: `*`, `resource:*` or `resource:action`.
 *
 * @example
 * isPermissionGrant("users:*") // true
 * isPermissionGrant("users")   // false
 */
export function isPermissionGrant(value: string): boolean {
  return GRANT.test(value);
}

/**
 * Whether the granted permissions cover `required`.
 *
 * @example
 * hasPermission(["users:*"], "users:read")  // true
 * hasPermission(["users:read"], "users:readx") // false
 * hasPermission(["*"], "notes:write")       // true
 */
export function hasPermission(granted: readonly string[], required: string): boolean {
  if (!CONCRETE.test(required)) return false;
  const resource = required.slice(0, required.indexOf(":"));
  return granted.some((grant) => grant === "*" || grant === required || grant === `${resource}:*`);
}

/**
 * Whether `held` covers a grant that may itself be a wildcard: `*` is covered
 * only by `*`, `resource:*` by `*` or `resource:*`, a concrete permission as
 * `hasPermission` says. A malformed grant is never covered.
 *
 * @example
 * coversGrant(["users:*"], "users:read") // true
 * coversGrant(["users:*"], "*")          // false
 * coversGrant(["users:read", "users:write", "users:delete"], "users:*") // false: a wildcard also covers actions added later
 */
export function coversGrant(held: readonly string[], grant: string): boolean {
  if (!GRANT.test(grant)) return false;
  if (held.includes("*")) return true;
  if (grant === "*") return false;
  const [resource, action] = grant.split(":") as [string, string];
  if (action === "*") return held.includes(`${resource}:*`);
  return hasPermission(held, grant);
}

/**
 * The grants of `wanted` that `held` does not cover (see `coversGrant`): the one
 * rule for "nobody grants, or acts on someone holding, what they do not hold".
 * Empty when every grant is covered.
 *
 * @example
 * uncoveredGrants(["users:*", "roles:read"], ["users:read", "roles:write", "*"]) // ["roles:write", "*"]
 */
export function uncoveredGrants(held: readonly string[], wanted: readonly string[]): string[] {
  return [...new Set(wanted)].filter((grant) => !coversGrant(held, grant));
}
