import type { SessionUser } from "@workers-users/shared";
import type { SessionProfile } from "./record";
/** One role as the hot path reads it: its current name and the permissions it grants. */
export interface RoleEntry {
    name: string;
    permissions: string[];
}
/**
 * Role id → the role, as the hot path reads it from KV. Keyed by id, not name:
 * a role deleted and created again under the same name has a new id, so the
 * sessions of the old one's members find nothing under theirs.
 */
export type RoleMap = Record<string, RoleEntry>;
import { ROLE_MAP_KEY } from "./role-map-key";
export { ROLE_MAP_KEY };
/**
 * Admin changes publish the map at once; the TTL only bounds how long a grant
 * changed by a migration (outside the admin API) can go unseen.
 */
export declare const ROLE_MAP_TTL = 300;
export declare function roleMapFromD1(db: D1Database): Promise<RoleMap>;
export declare function publishRoleMap(kv: KVNamespace, map: RoleMap): Promise<void>;
/**
 * The session's user with roles and permissions computed from its role ids now,
 * so a grant changed for a role reaches every member's next request without
 * rewriting their sessions. Roles that no longer exist are dropped.
 */
export declare function withAccess(profile: SessionProfile, roleIds: readonly string[], map: RoleMap): SessionUser;
/**
 * The user behind a session, read from D1 (strongly consistent): null when the
 * session is no longer in the index, the user is gone or disabled, or their
 * credentials changed since the session began (its epoch is not theirs).
 */
export declare function strictUser(db: D1Database, tokenHash: string, now: number): Promise<SessionUser | null>;
