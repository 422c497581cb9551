/**
 * The contract between the session Worker and every Worker that reads sessions
 * through its service binding. Times are unix seconds.
 */

/** The user as a session carries it, so a session check needs no D1 read. */
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  emailVerified: boolean;
  roles: string[];
  permissions: string[];
}

/** Who a new session is for. */
export interface SessionGrant {
  userId: string;
  /**
   * The user's credential epoch (`users.credential_epoch`) as read when the sign-in
   * began, before the password was checked.
   */
  epoch: number;
}

/** `stale`: the credentials changed, or the user was disabled or deleted, since `epoch` was read. */
export type CreateSessionResult = { type: "ok"; token: string; session: Session } | { type: "stale" };

/** What the client looked like when the session was created. */
export interface ClientMeta {
  userAgent: string | null;
  ip: string | null;
}

/**
 * The adopting app's state kept in the session: a JSON object, bounded in size.
 * It is stored apart from the session and read only when asked for (`getData`),
 * so a session check never parses or ships it.
 */
export type SessionData = Record<string, unknown>;

export interface Session {
  /** Public id: safe to show and to revoke by. Not the token, not its hash. */
  id: string;
  userId: string;
  user: SessionUser;
  createdAt: number;
  lastSeenAt: number;
  /** When the session ends if nothing happens: the earlier of idle and absolute expiry. */
  expiresAt: number;
  absoluteExpiresAt: number;
  userAgent: string | null;
  /**
   * When the user last proved a credential in this session: at sign-in, and at each
   * re-authentication (`reauthenticate`). Sensitive actions need it recent. `getStrict`
   * reads it from D1, `get` from KV.
   */
  authenticatedAt: number;
}

/** One row of a user's session list. */
export interface SessionSummary {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  userAgent: string | null;
  ip: string | null;
}

export type SetDataMode = "replace" | "merge";

export type SetDataResult =
  | { type: "ok"; data: SessionData }
  | { type: "not_found" }
  | { type: "too_large"; size: number; limit: number };

/**
 * The session Worker's RPC surface (a `WorkerEntrypoint`), reached only through a
 * service binding. The token travels only between Workers and the cookie.
 *
 * @example
 * const session = await env.SESSION.get(token);
 */
export interface SessionApi {
  /**
   * Starts a session for a user who has just proven a credential, optionally carrying
   * over app data; the only place a token is minted. The user, roles and permissions
   * are read from D1 here, and the session exists only if `grant.epoch` is still the
   * user's credential epoch (and the user is not disabled): a password change, reset or
   * disable that lands while a sign-in is in flight wins, and the answer is `stale`.
   */
  create(grant: SessionGrant, meta: ClientMeta, data?: SessionData): Promise<CreateSessionResult>;
  /** The hot path: one KV read (session and role map together); writes the sliding expiry at most every few minutes. */
  get(token: string): Promise<Session | null>;
  /** Like `get`, but confirms the session, the user and their permissions in D1 (strongly consistent): for sensitive operations. */
  getStrict(token: string): Promise<Session | null>;
  /** The session's app data (`{}` when none); null when the session is not live. */
  getData(token: string): Promise<SessionData | null>;
  setData(token: string, data: SessionData, mode: SetDataMode): Promise<SetDataResult>;
  destroy(token: string): Promise<void>;
  /** Sets the session's `authenticatedAt` to now (KV and D1) after the user proved a credential again; null when it is not live. */
  reauthenticate(token: string): Promise<Session | null>;
  list(userId: string): Promise<SessionSummary[]>;
  /** Revokes one session of `userId`; false when no such session of that user exists. */
  revoke(userId: string, sessionId: string): Promise<boolean>;
  /** Revokes every session of `userId`, except `exceptSessionId` when given; returns how many. */
  revokeAll(userId: string, exceptSessionId?: string): Promise<number>;
  /** Re-reads the user (profile and roles) from D1 into every live session of theirs; returns how many. */
  refreshUser(userId: string): Promise<number>;
  /**
   * Re-reads every role's permissions from D1 for the hot path. `get` computes a
   * session's permissions from its roles with this map, so a role's new grants
   * reach all its members' next requests.
   */
  refreshRoles(): Promise<void>;
  /**
   * Upkeep: deletes index rows of sessions past their idle or absolute expiry, the
   * longest expired first, at most `limit` (and never more than `SESSION_SWEEP_MAX`),
   * with their KV records if any remain; returns how many.
   */
  sweepExpired(limit: number): Promise<number>;
}

/** Sessions one `sweepExpired` call removes at most: each costs up to two KV deletes, and an invocation gets 1,000 operations. */
export const SESSION_SWEEP_MAX = 400;

/** The session cookie: `__Host-` pins it to this origin, path `/`, Secure, no Domain. */
export const SESSION_COOKIE = "__Host-session";
