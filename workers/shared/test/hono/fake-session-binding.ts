import { randomToken, type Session, type SessionApi, type SessionUser } from "../../src/index";

export const ORIGIN = "https://app.example.com";

/** A session as the session Worker would return it, for a user with these permissions. */
export function sessionFor(permissions: string[]): Session {
  const id = crypto.randomUUID();
  const user: SessionUser = { id, email: `${id}@example.test`, name: "Ada", emailVerified: true, roles: [], permissions };
  const now = Math.floor(Date.now() / 1000);
  return {
    id: `s-${id}`,
    userId: id,
    user,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + 3600,
    absoluteExpiresAt: now + 86400,
    userAgent: "test",
    authenticatedAt: now,
  };
}

/** The part of the SessionApi the middleware calls, plus a record of the calls. */
export interface FakeSessionBinding extends Pick<SessionApi, "get" | "getStrict"> {
  /** Every call made, as `method(token)`. */
  calls: string[];
}

/**
 * Stands in for the SESSION service binding: the SessionApi read methods,
 * backed by a token → session map. `failing` makes them throw the way an
 * unreachable session Worker does. Any other method is absent, so a stray
 * call fails the test.
 */
export function fakeSessionBinding(sessions: Record<string, Session> = {}, options: { failing?: boolean } = {}): FakeSessionBinding {
  const calls: string[] = [];
  const read = (method: string) => async (token: string) => {
    calls.push(`${method}(${token})`);
    if (options.failing) throw new Error("Network connection lost.");
    return sessions[token] ?? null;
  };
  return { calls, get: read("get"), getStrict: read("getStrict") };
}

/** A token of the shape the session Worker mints (43 base64url characters). */
export const token = (): string => randomToken(32);

export function cookieFor(value: string): Record<string, string> {
  return { cookie: `__Host-session=${value}` };
}

export async function problemOf(res: Response): Promise<{ code: string; status: number }> {
  if (!res.headers.get("content-type")?.startsWith("application/problem+json")) {
    throw new Error(`expected problem+json, got ${res.headers.get("content-type")} (${res.status})`);
  }
  return res.json();
}
