import type { SessionData } from "@workers-users/shared";
/**
 * JSON Merge Patch (RFC 7396): `null` removes a key, objects merge, anything
 * else replaces. Objects are rebuilt with `Object.fromEntries`, which defines
 * own properties, so a `__proto__` key stays plain data and never reaches a prototype.
 */
export declare function mergePatch(target: SessionData, patch: SessionData): SessionData;
