import type { SessionData } from "@workers-users/shared";
import { ROLE_MAP_KEY, type RoleMap } from "./access";
import type { SessionRecord } from "./record";

// Keys are the SHA-256 of the token, so a KV listing never yields a usable cookie.
const key = (tokenHash: string) => `session:${tokenHash}`;
// The app's data lives apart: the hot path never reads, parses or ships it.
const dataKey = (tokenHash: string) => `data:${tokenHash}`;

const asRecord = (value: unknown) => ((value as SessionRecord | null | undefined)?.v === 2 ? (value as SessionRecord) : null);

export async function readRecord(kv: KVNamespace, tokenHash: string): Promise<SessionRecord | null> {
  return asRecord(await kv.get(key(tokenHash), "json"));
}

/** The session alone: for strict checks, and for checks while this isolate's role map is fresh. */
export async function readRecordAlone(kv: KVNamespace, tokenHash: string): Promise<{ record: SessionRecord | null }> {
  return { record: await readRecord(kv, tokenHash) };
}

/** The session and the role map in one bulk read: for checks when this isolate's copy of the map is stale. */
export async function readRecordWithRoles(
  kv: KVNamespace,
  tokenHash: string,
): Promise<{ record: SessionRecord | null; roles: RoleMap | null }> {
  const values = await kv.get<unknown>([key(tokenHash), ROLE_MAP_KEY], "json");
  return { record: asRecord(values.get(key(tokenHash))), roles: (values.get(ROLE_MAP_KEY) as RoleMap | null | undefined) ?? null };
}

export async function readRoleMap(kv: KVNamespace): Promise<RoleMap | null> {
  return kv.get<RoleMap>(ROLE_MAP_KEY, "json");
}

/** The session and its app data in one bulk read. */
export async function readRecordWithData(
  kv: KVNamespace,
  tokenHash: string,
): Promise<{ record: SessionRecord | null; data: SessionData }> {
  const values = await kv.get<unknown>([key(tokenHash), dataKey(tokenHash)], "json");
  return { record: asRecord(values.get(key(tokenHash))), data: (values.get(dataKey(tokenHash)) as SessionData | null | undefined) ?? {} };
}

export async function writeRecord(kv: KVNamespace, tokenHash: string, record: SessionRecord, ttl: number): Promise<void> {
  await kv.put(key(tokenHash), JSON.stringify(record), { expirationTtl: ttl });
}

/** Empty data is stored as no key at all. */
export async function writeData(kv: KVNamespace, tokenHash: string, data: SessionData, ttl: number): Promise<void> {
  if (Object.keys(data).length === 0) await kv.delete(dataKey(tokenHash));
  else await kv.put(dataKey(tokenHash), JSON.stringify(data), { expirationTtl: ttl });
}

export async function deleteRecord(kv: KVNamespace, tokenHash: string): Promise<void> {
  await Promise.all([kv.delete(key(tokenHash)), kv.delete(dataKey(tokenHash))]);
}

export async function deleteRecords(kv: KVNamespace, tokenHashes: string[]): Promise<void> {
  await Promise.all(tokenHashes.map((hash) => deleteRecord(kv, hash)));
}
