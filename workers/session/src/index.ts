import { WorkerEntrypoint } from "cloudflare:workers";
import {
  nowSeconds,
  randomToken,
  SESSION_SWEEP_MAX,
  sha256,
  type ClientMeta,
  type CreateSessionResult,
  type Session,
  type SessionApi,
  type SessionData,
  type SessionGrant,
  type SessionSummary,
  type SetDataMode,
  type SetDataResult,
} from "@workers-users/shared";
import { readConfig, type SessionConfig } from "./config";
import * as index from "./d1-index";
import { publishRoleMap, roleMapFromD1, strictUser, withAccess, type RoleMap } from "./access";
import { deleteRecord, deleteRecords, readRecord, readRecordAlone, readRecordWithData, readRecordWithRoles, readRoleMap, writeData, writeRecord } from "./kv-store";
import { mergePatch } from "./merge-patch";
import { rememberRoleMap, cachedRoleMap, roleMapIsStale } from "./role-cache";
import { byteSize, dataTtl, isExpired, kvTtl, needsTouch, toSession, type SessionRecord } from "./record";
import { snapshotStatement, toSnapshot } from "./user-snapshot";

// Stored client input is bounded: a user agent is a label, an address at most an IPv6 literal with a zone.
const MAX_USER_AGENT = 256;
const MAX_IP = 64;

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

  async create(grant: SessionGrant, meta: ClientMeta, data: SessionData = {}): Promise<CreateSessionResult> {
    const now = nowSeconds();
    if (byteSize(data) > this.config.dataMaxBytes) throw new RangeError("session data over the limit");
    // Keep room for this one (the index of a user stays bounded), and read the user as D1 has it now.
    const [pruned, read] = await this.env.DB.batch<Record<string, unknown>>([
      index.pruneStatement(this.env.DB, grant.userId, now, this.config.idleTimeout, this.config.maxPerUser - 1),
      snapshotStatement(this.env.DB, grant.userId),
    ]);
    await deleteRecords(this.env.SESSIONS, (pruned?.results ?? []).map((r) => String(r.token_hash)));
    const snapshot = toSnapshot(read?.results[0]);
    if (!snapshot || snapshot.disabled || snapshot.epoch !== grant.epoch) return { type: "stale" };
    const token = randomToken(32);
    const tokenHash = await sha256(token);
    const record: SessionRecord = {
      v: 2,
      id: randomToken(16),
      user: snapshot.profile,
      roleIds: snapshot.roleIds,
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: now + this.config.absoluteTimeout,
      userAgent: meta.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
      ip: meta.ip?.slice(0, MAX_IP) ?? null,
      authenticatedAt: now,
    };
    // KV first, the index row last and only while the epoch holds: a revocation running
    // meanwhile either finds the row (and deletes the record) or the insert fails.
    const [roles] = await Promise.all([
      this.#roleMapFor(record.roleIds, undefined, now),
      writeRecord(this.env.SESSIONS, tokenHash, record, kvTtl(record, this.config, now)),
      writeData(this.env.SESSIONS, tokenHash, data, dataTtl(record, now)),
    ]);
    const row = { id: record.id, userId: grant.userId, tokenHash, createdAt: now, lastSeenAt: now, expiresAt: record.absoluteExpiresAt, userAgent: record.userAgent, ip: record.ip, authenticatedAt: now };
    if (!(await index.insertSessionIfCurrent(this.env.DB, row, grant.epoch))) {
      await deleteRecord(this.env.SESSIONS, tokenHash);
      return { type: "stale" };
    }
    // Answered as `get` would answer: permissions from the roles, not from the caller.
    const user = withAccess(record.user, record.roleIds, roles);
    return { type: "ok", token, session: toSession(record, user, this.config) };
  }

  async get(token: string): Promise<Session | null> {
    // One KV key while this isolate's copy of the role map is fresh; the map in the same bulk read otherwise.
    const mapIsStale = roleMapIsStale(nowSeconds(), this.config.roleMapMaxAge);
    const found = await this.#live<{ record: SessionRecord | null; roles?: RoleMap | null }>(
      token,
      mapIsStale ? readRecordWithRoles : readRecordAlone,
    );
    if (!found) return null;
    const roles = await this.#roleMapFor(found.record.roleIds, found.roles, found.now);
    return toSession(this.#slide(found), withAccess(found.record.user, found.record.roleIds, roles), this.config);
  }

  async getStrict(token: string): Promise<Session | null> {
    const found = await this.#live(token, readRecordAlone);
    if (!found) return null;
    // The index and the user straight from D1: roles, disabling, credential changes and
    // revocation made anywhere are seen here, whatever this location's KV still holds.
    const strict = await strictUser(this.env.DB, found.tokenHash, found.now);
    if (strict === null) {
      await deleteRecord(this.env.SESSIONS, found.tokenHash);
      return null;
    }
    // The authentication time as D1 has it: a re-authentication is seen at once everywhere.
    return { ...toSession(this.#slide(found), strict.user, this.config), authenticatedAt: strict.authenticatedAt };
  }

  async reauthenticate(token: string): Promise<Session | null> {
    const found = await this.#live(token, readRecordAlone);
    if (!found) return null;
    const { tokenHash, record, now } = found;
    // D1 first: strict checks read it there, and a revoked session has no row to update.
    if (!(await index.setAuthenticatedAt(this.env.DB, tokenHash, now))) return null;
    const next = { ...record, authenticatedAt: now };
    await writeRecord(this.env.SESSIONS, tokenHash, next, kvTtl(next, this.config, now));
    return this.getStrict(token);
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

  async refreshUser(userId: string): Promise<number> {
    const now = nowSeconds();
    const [read, hashes] = await this.env.DB.batch<Record<string, unknown>>([
      snapshotStatement(this.env.DB, userId),
      index.tokenHashesStatement(this.env.DB, userId),
    ]);
    const snapshot = toSnapshot(read?.results[0]);
    if (!snapshot) return 0;
    let updated = 0;
    await Promise.all(
      (hashes?.results ?? []).map(async ({ token_hash }) => {
        const tokenHash = String(token_hash);
        const record = await readRecord(this.env.SESSIONS, tokenHash);
        if (!record || isExpired(record, this.config, now)) return;
        const next = { ...record, user: snapshot.profile, roleIds: snapshot.roleIds };
        await writeRecord(this.env.SESSIONS, tokenHash, next, kvTtl(next, this.config, now));
        updated++;
      }),
    );
    return updated;
  }

  async refreshRoles(): Promise<void> {
    await this.#rebuildRoleMap();
  }

  async sweepExpired(limit: number): Promise<number> {
    const bound = Math.max(0, Math.min(Math.floor(limit), SESSION_SWEEP_MAX));
    const tokenHashes = await index.deleteExpired(this.env.DB, nowSeconds(), this.config.idleTimeout, bound);
    await deleteRecords(this.env.SESSIONS, tokenHashes);
    return tokenHashes.length;
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

  /**
   * The role map for a record's role ids: the map read with the session (`read`; undefined when
   * it was not), else this isolate's copy while it is fresh and knows every id, else KV's, else
   * D1's (published again).
   */
  async #roleMapFor(roleIds: readonly string[], read: RoleMap | null | undefined, now: number): Promise<RoleMap> {
    if (read) return rememberRoleMap(read, now);
    if (read === undefined) {
      const cached = cachedRoleMap(now, this.config.roleMapMaxAge, roleIds);
      if (cached) return cached;
      const stored = await readRoleMap(this.env.SESSIONS);
      if (stored) return rememberRoleMap(stored, now);
    }
    return this.#rebuildRoleMap();
  }

  async #rebuildRoleMap(): Promise<RoleMap> {
    const map = await roleMapFromD1(this.env.DB);
    await publishRoleMap(this.env.SESSIONS, map);
    return rememberRoleMap(map, nowSeconds());
  }

  /** Sliding expiry: written after the response, at most once per touch interval. Returns the record as seen now. */
  #slide({ tokenHash, record, now }: { tokenHash: string; record: SessionRecord; now: number }): SessionRecord {
    if (!needsTouch(record, this.config, now)) return record;
    this.ctx.waitUntil(this.#touch(tokenHash, now));
    return { ...record, lastSeenAt: now };
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
