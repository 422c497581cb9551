import type { SessionRecord } from "./record";
export declare function readRecord(kv: KVNamespace, tokenHash: string): Promise<SessionRecord | null>;
export declare function writeRecord(kv: KVNamespace, tokenHash: string, record: SessionRecord, ttl: number): Promise<void>;
export declare function deleteRecord(kv: KVNamespace, tokenHash: string): Promise<void>;
export declare function deleteRecords(kv: KVNamespace, tokenHashes: string[]): Promise<void>;
