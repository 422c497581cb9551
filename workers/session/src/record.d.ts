import type { Session, SessionUser } from "@workers-users/shared";
import { type SessionConfig } from "./config";
/** The user as a session stores them; roles and permissions are computed on each read. */
export type SessionProfile = Omit<SessionUser, "roles" | "permissions">;
/**
 * What KV holds under the token's hash (the app data has a key of its own).
 * Version 2 refers to roles by id; records of an older version are not sessions.
 */
export interface SessionRecord {
    v: 2;
    id: string;
    user: SessionProfile;
    /** The user's roles by id (see `RoleMap`), as D1 held them when the record was written. */
    roleIds: string[];
    createdAt: number;
    lastSeenAt: number;
    absoluteExpiresAt: number;
    userAgent: string | null;
    ip: string | null;
}
export declare function idleExpiresAt(record: SessionRecord, config: SessionConfig): number;
/** Expiry is checked here, not left to KV's TTL, so it holds to the second. */
export declare function isExpired(record: SessionRecord, config: SessionConfig, now: number): boolean;
/** The sliding expiry is written at most once per touch interval. */
export declare function needsTouch(record: SessionRecord, config: SessionConfig, now: number): boolean;
/** KV TTL: the idle timeout, never past the absolute expiry, never below KV's minimum. */
export declare function kvTtl(record: SessionRecord, config: SessionConfig, now: number): number;
/** The session as the contract shows it, with `user` carrying the access computed for this read. */
export declare function toSession(record: SessionRecord, user: SessionUser, config: SessionConfig): Session;
/**
 * TTL of the app data's key: the session's absolute expiry. Data outlives an
 * idle-expired record at most that long, unreachable without the record.
 */
export declare function dataTtl(record: SessionRecord, now: number): number;
/** Serialised size in bytes: the bound on session data is on what KV stores. */
export declare function byteSize(value: unknown): number;
