import type { Session, SessionUser } from "@workers-users/shared";
import { KV_MIN_TTL, type SessionConfig } from "./config";

/** The user as a session stores them; roles and permissions are computed on each read. */
export type SessionProfile = Omit<SessionUser, "roles" | "permissions">;

/**
 * What KV holds under the token's hash (the app data has a key of its own).
 * Version 2 refers to roles by id; records of an older version are not sessions.
 */
export interface SessionRecord {
  v: 2;
  id: string;
  user: SessionProfile;
  /** The user's roles by id (see `RoleMap`), as D1 held them when the record was written. */
  roleIds: string[];
  createdAt: number;
  lastSeenAt: number;
  absoluteExpiresAt: number;
  userAgent: string | null;
  ip: string | null;
  /** When the user last proved a credential here; records written before it existed count as never. */
  authenticatedAt?: number;
}

export function idleExpiresAt(record: SessionRecord, config: SessionConfig): number {
  return record.lastSeenAt + config.idleTimeout;
}

/** Expiry is checked here, not left to KV's TTL, so it holds to the second. */
export function isExpired(record: SessionRecord, config: SessionConfig, now: number): boolean {
  return now >= record.absoluteExpiresAt || now >= idleExpiresAt(record, config);
}

/** The sliding expiry is written at most once per touch interval. */
export function needsTouch(record: SessionRecord, config: SessionConfig, now: number): boolean {
  return now - record.lastSeenAt >= config.touchInterval;
}

/** KV TTL: the idle timeout, never past the absolute expiry, never below KV's minimum. */
export function kvTtl(record: SessionRecord, config: SessionConfig, now: number): number {
  const remaining = Math.min(idleExpiresAt(record, config), record.absoluteExpiresAt) - now;
  return Math.max(KV_MIN_TTL, remaining);
}

/** The session as the contract shows it, with `user` carrying the access computed for this read. */
export function toSession(record: SessionRecord, user: SessionUser, config: SessionConfig): Session {
  return {
    id: record.id,
    userId: record.user.id,
    user,
    createdAt: record.createdAt,
    lastSeenAt: record.lastSeenAt,
    expiresAt: Math.min(idleExpiresAt(record, config), record.absoluteExpiresAt),
    absoluteExpiresAt: record.absoluteExpiresAt,
    userAgent: record.userAgent,
    authenticatedAt: record.authenticatedAt ?? 0,
  };
}

/**
 * TTL of the app data's key: the session's absolute expiry. Data outlives an
 * idle-expired record at most that long, unreachable without the record.
 */
export function dataTtl(record: SessionRecord, now: number): number {
  return Math.max(KV_MIN_TTL, record.absoluteExpiresAt - now);
}

/** Serialised size in bytes: the bound on session data is on what KV stores. */
export function byteSize(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).byteLength;
}
