import type { SessionSummary } from "@workers-users/shared";
/** One row of the session index, as stored. */
export interface IndexRow {
    id: string;
    userId: string;
    tokenHash: string;
    createdAt: number;
    lastSeenAt: number;
    expiresAt: number;
    userAgent: string | null;
    ip: string | null;
}
/**
 * Inserts a session's row only if `epoch` is still the user's credential epoch
 * and the user is enabled, in one statement; false when it is not (or the user is gone).
 */
export declare function insertSessionIfCurrent(db: D1Database, row: IndexRow, epoch: number): Promise<boolean>;
export declare function touchSession(db: D1Database, tokenHash: string, lastSeenAt: number): Promise<void>;
/**
 * Live sessions of a user, newest first; within one second, insertion order
 * (rowid) decides. `idleTimeout` turns last-seen into an expiry.
 */
export declare function listForUser(db: D1Database, userId: string, now: number, idleTimeout: number): Promise<SessionSummary[]>;
/** The token hashes of a user's sessions, as a statement for a batch. */
export declare function tokenHashesStatement(db: D1Database, userId: string): D1PreparedStatement;
/** Deletes one session of `userId`; the token hash comes back so KV can follow. */
export declare function deleteOne(db: D1Database, userId: string, id: string): Promise<string | null>;
export declare function deleteAllForUser(db: D1Database, userId: string, exceptId?: string): Promise<string[]>;
export declare function deleteByTokenHash(db: D1Database, tokenHash: string): Promise<void>;
/**
 * Removes a user's expired sessions and the oldest ones beyond `keep` (same
 * order as `listForUser`), so a user's index (and the work of revoking it)
 * stays bounded. A statement for a batch: its rows are the removed token hashes.
 */
export declare function pruneStatement(db: D1Database, userId: string, now: number, idleTimeout: number, keep: number): D1PreparedStatement;
/**
 * Deletes up to `limit` rows of sessions past their absolute or idle expiry,
 * the longest expired first, so the next run picks up where this one stopped.
 * Returns the deleted token hashes, so KV can follow.
 */
export declare function deleteExpired(db: D1Database, now: number, idleTimeout: number, limit: number): Promise<string[]>;
