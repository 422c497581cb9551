import type { SessionData } from "@workers-users/shared";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * JSON Merge Patch (RFC 7396): `null` removes a key, objects merge, anything
 * else replaces. Objects are rebuilt with `Object.fromEntries`, which defines
 * own properties, so a `__proto__` key stays plain data and never reaches a prototype.
 */
export function mergePatch(target: SessionData, patch: SessionData): SessionData {
  const merged = new Map(Object.entries(target));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) merged.delete(key);
    else if (isObject(value)) merged.set(key, mergePatch(isObject(merged.get(key)) ? (merged.get(key) as SessionData) : {}, value));
    else merged.set(key, value);
  }
  return Object.fromEntries(merged);
}
