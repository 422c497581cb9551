import type { SessionProfile } from "./record";
/** What a session carries of its user, as D1 holds it now. */
export interface UserSnapshot {
    profile: SessionProfile;
    /** Ids of the user's roles, in name order. */
    roleIds: string[];
    epoch: number;
    disabled: boolean;
}
/** The statement reading a user's snapshot (for a batch); `toSnapshot` reads its row. */
export declare function snapshotStatement(db: D1Database, userId: string): D1PreparedStatement;
export declare function toSnapshot(row: unknown): UserSnapshot | null;
