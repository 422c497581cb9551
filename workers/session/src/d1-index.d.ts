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
export declare function insertSession(db: D1Database, row: IndexRow): Promise<void>;
export declare function existsByTokenHash(db: D1Database, tokenHash: string, now: number): Promise<boolean>;
export declare function touchSession(db: D1Database, tokenHash: string, lastSeenAt: number): Promise<void>;
/** Live sessions of a user, newest first. `idleTimeout` turns last-seen into an expiry. */
export declare function listForUser(db: D1Database, userId: string, now: number, idleTimeout: number): Promise<SessionSummary[]>;
export declare function tokenHashesForUser(db: D1Database, userId: string): Promise<string[]>;
/** Deletes one session of `userId`; the token hash comes back so KV can follow. */
export declare function deleteOne(db: D1Database, userId: string, id: string): Promise<string | null>;
export declare function deleteAllForUser(db: D1Database, userId: string, exceptId?: string): Promise<string[]>;
export declare function deleteByTokenHash(db: D1Database, tokenHash: string): Promise<void>;
/**
 * Removes a user's expired sessions and the oldest ones beyond `keep`, so a
 * user's index (and the work of revoking it) stays bounded.
 */
export declare function pruneForUser(db: D1Database, userId: string, now: number, idleTimeout: number, keep: number): Promise<string[]>;
