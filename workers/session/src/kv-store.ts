import { ROLE_MAP_KEY, type RoleMap } from "./access";
import type { SessionRecord } from "./record";

// Keys are the SHA-256 of the token, so a KV listing never yields a usable cookie.
const key = (tokenHash: string) => `session:${tokenHash}`;

export async function readRecord(kv: KVNamespace, tokenHash: string): Promise<SessionRecord | null> {
  const record = await kv.get<SessionRecord>(key(tokenHash), "json");
  return record?.v === 1 ? record : null;
}

/** The hot path's one KV operation: the session and the role map in a single bulk read. */
export async function readRecordWithRoles(
  kv: KVNamespace,
  tokenHash: string,
): Promise<{ record: SessionRecord | null; roles: RoleMap | null }> {
  const values = await kv.get<unknown>([key(tokenHash), ROLE_MAP_KEY], "json");
  const record = values.get(key(tokenHash)) as SessionRecord | null | undefined;
  return { record: record?.v === 1 ? record : null, roles: (values.get(ROLE_MAP_KEY) as RoleMap | null | undefined) ?? null };
}

export async function writeRecord(
  kv: KVNamespace,
  tokenHash: string,
  record: SessionRecord,
  ttl: number,
): Promise<void> {
  await kv.put(key(tokenHash), JSON.stringify(record), { expirationTtl: ttl });
}

export async function deleteRecord(kv: KVNamespace, tokenHash: string): Promise<void> {
  await kv.delete(key(tokenHash));
}

export async function deleteRecords(kv: KVNamespace, tokenHashes: string[]): Promise<void> {
  await Promise.all(tokenHashes.map((hash) => deleteRecord(kv, hash)));
}
