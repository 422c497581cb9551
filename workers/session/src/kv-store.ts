import type { SessionRecord } from "./record";

// Keys are the SHA-256 of the token, so a KV listing never yields a usable cookie.
const key = (tokenHash: string) => `session:${tokenHash}`;

export async function readRecord(kv: KVNamespace, tokenHash: string): Promise<SessionRecord | null> {
  const record = await kv.get<SessionRecord>(key(tokenHash), "json");
  return record?.v === 1 ? record : null;
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
