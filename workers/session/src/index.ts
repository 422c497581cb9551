import { WorkerEntrypoint } from "cloudflare:workers";
import {
  nowSeconds,
  randomToken,
  sha256,
  type ClientMeta,
  type Session,
  type SessionApi,
  type SessionData,
  type SessionSummary,
  type SessionUser,
  type SetDataMode,
  type SetDataResult,
} from "@workers-users/shared";
import { readConfig, type SessionConfig } from "./config";
import * as index from "./d1-index";
import { publishRoleMap, roleMapFromD1, strictUser, withAccess, type RoleMap } from "./access";
import { deleteRecord, deleteRecords, readRecord, readRecordWithData, readRecordWithRoles, readRoleMap, writeData, writeRecord } from "./kv-store";
import { mergePatch } from "./merge-patch";
import { byteSize, dataTtl, isExpired, kvTtl, needsTouch, toSession, type SessionRecord } from "./record";

const MAX_USER_AGENT = 256;

/**
 * The session store, reachable only through a service binding (RPC). The token
 * comes in, only its SHA-256 is ever stored or used as a key.
 */
// workerd makes a new entrypoint instance per call: parse the vars once per isolate.
const configs = new WeakMap<object, SessionConfig>();

export class SessionService extends WorkerEntrypoint<Env> implements SessionApi {
  get config(): SessionConfig {
    let config = configs.get(this.env);
    if (!config) configs.set(this.env, (config = readConfig(this.env)));
    return config;
  }

  async create(user: SessionUser, meta: ClientMeta, data: SessionData = {}): Promise<{ token: string; session: Session }> {
    const now = nowSeconds();
    if (byteSize(data) > this.config.dataMaxBytes) throw new RangeError("session data over the limit");
    const token = randomToken(32);
    const tokenHash = await sha256(token);
    const record: SessionRecord = {
      v: 1,
      id: randomToken(16),
      user,
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: now + this.config.absoluteTimeout,
      userAgent: meta.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
      ip: meta.ip,
    };
    // Keep room for this one: the index of a user stays bounded.
    const pruned = await index.pruneForUser(this.env.DB, user.id, now, this.config.idleTimeout, this.config.maxPerUser - 1);
    await deleteRecords(this.env.SESSIONS, pruned);
    await index.insertSession(this.env.DB, {
      id: record.id,
      userId: user.id,
      tokenHash,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: record.absoluteExpiresAt,
      userAgent: record.userAgent,
      ip: record.ip,
    });
    const [roles] = await Promise.all([
      readRoleMap(this.env.SESSIONS),
      writeRecord(this.env.SESSIONS, tokenHash, record, kvTtl(record, this.config, now)),
      writeData(this.env.SESSIONS, tokenHash, data, dataTtl(record, now)),
    ]);
    // Answered as `get` would answer: permissions from the roles, not from the caller.
    const access = withAccess(user, roles ?? (await this.#rebuildRoleMap()));
    return { token, session: toSession({ ...record, user: access }, this.config) };
  }

  async get(token: string): Promise<Session | null> {
    const found = await this.#live(token, readRecordWithRoles);
    if (!found) return null;
    const roles = found.roles ?? (await this.#rebuildRoleMap());
    return this.#slide({ ...found, record: { ...found.record, user: withAccess(found.record.user, roles) } });
  }

  async getStrict(token: string): Promise<Session | null> {
    const found = await this.#live(token, readRecordWithRoles);
    if (!found) return null;
    // The index and the user straight from D1: roles, disabling and revocation
    // made anywhere are seen here, whatever this location's KV still holds.
    const user = await strictUser(this.env.DB, found.tokenHash, found.now);
    if (user === null) {
      await deleteRecord(this.env.SESSIONS, found.tokenHash);
      return null;
    }
    return this.#slide({ ...found, record: { ...found.record, user } });
  }

  async getData(token: string): Promise<SessionData | null> {
    const found = await this.#live(token, readRecordWithData);
    if (!found) return null;
    this.#slide(found);
    return found.data;
  }

  async setData(token: string, data: SessionData, mode: SetDataMode): Promise<SetDataResult> {
    const found = await this.#live(token, readRecordWithData);
    if (!found) return { type: "not_found" };
    const { tokenHash, record, now } = found;
    const next = mode === "merge" ? mergePatch(found.data, data) : Object.fromEntries(Object.entries(data));
    const size = byteSize(next);
    if (size > this.config.dataMaxBytes) return { type: "too_large", size, limit: this.config.dataMaxBytes };
    // A write is activity: last-seen moves on the touch schedule, before the answer.
    await Promise.all([
      writeData(this.env.SESSIONS, tokenHash, next, dataTtl(record, now)),
      needsTouch(record, this.config, now) && this.#touch(tokenHash, now),
    ]);
    return { type: "ok", data: next };
  }

  async destroy(token: string): Promise<void> {
    const tokenHash = await sha256(token);
    await Promise.all([deleteRecord(this.env.SESSIONS, tokenHash), index.deleteByTokenHash(this.env.DB, tokenHash)]);
  }

  async list(userId: string): Promise<SessionSummary[]> {
    return index.listForUser(this.env.DB, userId, nowSeconds(), this.config.idleTimeout);
  }

  async revoke(userId: string, sessionId: string): Promise<boolean> {
    const tokenHash = await index.deleteOne(this.env.DB, userId, sessionId);
    if (tokenHash === null) return false;
    await deleteRecord(this.env.SESSIONS, tokenHash);
    return true;
  }

  async revokeAll(userId: string, exceptSessionId?: string): Promise<number> {
    const tokenHashes = await index.deleteAllForUser(this.env.DB, userId, exceptSessionId);
    await deleteRecords(this.env.SESSIONS, tokenHashes);
    return tokenHashes.length;
  }

  async updateUser(user: SessionUser): Promise<number> {
    const now = nowSeconds();
    const tokenHashes = await index.tokenHashesForUser(this.env.DB, user.id);
    let updated = 0;
    await Promise.all(
      tokenHashes.map(async (tokenHash) => {
        const record = await readRecord(this.env.SESSIONS, tokenHash);
        if (!record || isExpired(record, this.config, now)) return;
        const next = { ...record, user };
        await writeRecord(this.env.SESSIONS, tokenHash, next, kvTtl(next, this.config, now));
        updated++;
      }),
    );
    return updated;
  }

  async refreshRoles(): Promise<void> {
    await this.#rebuildRoleMap();
  }

  /** Reads (with `read`) and checks a session; expired ones are removed on sight. */
  async #live<T extends { record: SessionRecord | null }>(
    token: string,
    read: (kv: KVNamespace, tokenHash: string) => Promise<T>,
  ): Promise<(T & { tokenHash: string; record: SessionRecord; now: number }) | null> {
    if (typeof token !== "string" || token.length === 0 || token.length > 128) return null;
    const tokenHash = await sha256(token);
    const found = await read(this.env.SESSIONS, tokenHash);
    if (!found.record) return null;
    const now = nowSeconds();
    if (isExpired(found.record, this.config, now)) {
      this.ctx.waitUntil(Promise.all([deleteRecord(this.env.SESSIONS, tokenHash), index.deleteByTokenHash(this.env.DB, tokenHash)]));
      return null;
    }
    return { ...found, record: found.record, tokenHash, now };
  }

  async #rebuildRoleMap(): Promise<RoleMap> {
    const map = await roleMapFromD1(this.env.DB);
    await publishRoleMap(this.env.SESSIONS, map);
    return map;
  }

  /** Sliding expiry: written after the response, at most once per touch interval. */
  #slide({ tokenHash, record, now }: { tokenHash: string; record: SessionRecord; now: number }): Session {
    if (!needsTouch(record, this.config, now)) return toSession(record, this.config);
    this.ctx.waitUntil(this.#touch(tokenHash, now));
    return toSession({ ...record, lastSeenAt: now }, this.config);
  }

  /** Re-reads before writing so a concurrent `setData` is not overwritten with stale data. */
  async #touch(tokenHash: string, now: number): Promise<void> {
    const fresh = await readRecord(this.env.SESSIONS, tokenHash);
    if (!fresh || fresh.lastSeenAt >= now) return;
    const next = { ...fresh, lastSeenAt: now };
    await Promise.all([
      writeRecord(this.env.SESSIONS, tokenHash, next, kvTtl(next, this.config, now)),
      index.touchSession(this.env.DB, tokenHash, now),
    ]);
  }
}

// No public entry: any HTTP request that somehow reaches this Worker gets a 404.
export default {
  fetch: () => new Response(null, { status: 404 }),
} satisfies ExportedHandler<Env>;
