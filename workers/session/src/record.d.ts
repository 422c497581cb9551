import type { Session, SessionData, SessionUser } from "@workers-users/shared";
import { type SessionConfig } from "./config";
/** What KV holds under the token's hash. */
export interface SessionRecord {
    v: 1;
    id: string;
    user: SessionUser;
    createdAt: number;
    lastSeenAt: number;
    absoluteExpiresAt: number;
    userAgent: string | null;
    ip: string | null;
    data: SessionData;
}
export declare function idleExpiresAt(record: SessionRecord, config: SessionConfig): number;
/** Expiry is checked here, not left to KV's TTL, so it holds to the second. */
export declare function isExpired(record: SessionRecord, config: SessionConfig, now: number): boolean;
/** The sliding expiry is written at most once per touch interval. */
export declare function needsTouch(record: SessionRecord, config: SessionConfig, now: number): boolean;
/** KV TTL: the idle timeout, never past the absolute expiry, never below KV's minimum. */
export declare function kvTtl(record: SessionRecord, config: SessionConfig, now: number): number;
export declare function toSession(record: SessionRecord, config: SessionConfig): Session;
/** Serialised size in bytes: the bound on session data is on what KV stores. */
export declare function byteSize(value: unknown): number;
