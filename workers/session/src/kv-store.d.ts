import type { SessionData } from "@workers-users/shared";
import { type RoleMap } from "./access";
import type { SessionRecord } from "./record";
export declare function readRecord(kv: KVNamespace, tokenHash: string): Promise<SessionRecord | null>;
/** The hot path's one KV operation: the session and the role map in a single bulk read. */
export declare function readRecordWithRoles(kv: KVNamespace, tokenHash: string): Promise<{
    record: SessionRecord | null;
    roles: RoleMap | null;
}>;
export declare function readRoleMap(kv: KVNamespace): Promise<RoleMap | null>;
/** The session and its app data in one bulk read. */
export declare function readRecordWithData(kv: KVNamespace, tokenHash: string): Promise<{
    record: SessionRecord | null;
    data: SessionData;
}>;
export declare function writeRecord(kv: KVNamespace, tokenHash: string, record: SessionRecord, ttl: number): Promise<void>;
/** Empty data is stored as no key at all. */
export declare function writeData(kv: KVNamespace, tokenHash: string, data: SessionData, ttl: number): Promise<void>;
export declare function deleteRecord(kv: KVNamespace, tokenHash: string): Promise<void>;
export declare function deleteRecords(kv: KVNamespace, tokenHashes: string[]): Promise<void>;
