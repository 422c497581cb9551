import type { RoleMap } from "./access";

/**
 * The role map as this isolate last read it. A session check reuses it for up to
 * `maxAge` seconds, so the hot path reads one KV key (the session) instead of two.
 * What that costs is stated in docs/rbac.md: a role's new grants reach non-strict
 * checks within `maxAge` seconds (plus KV's own propagation in other locations).
 */
let cached: { map: RoleMap; readAt: number } | null = null;

/**
 * The cached map, or null when it is older than `maxAge` (or from a clock that went
 * back) or does not know one of `roleIds`: a role created since, assigned to this
 * user a moment ago, is looked up now, never `maxAge` later.
 */
export function cachedRoleMap(now: number, maxAge: number, roleIds: readonly string[]): RoleMap | null {
  if (cached === null || roleMapIsStale(now, maxAge)) return null;
  const { map } = cached;
  return roleIds.every((id) => Object.hasOwn(map, id)) ? map : null;
}

/** Whether a check should read the map with the session: no usable copy here. */
export function roleMapIsStale(now: number, maxAge: number): boolean {
  return cached === null || now < cached.readAt || now - cached.readAt >= maxAge;
}

export function rememberRoleMap(map: RoleMap, now: number): RoleMap {
  cached = { map, readAt: now };
  return map;
}
