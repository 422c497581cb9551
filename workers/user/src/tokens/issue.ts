import { SignJWT } from "jose";
import { randomToken, type Session } from "@workers-users/shared";
import { getConfig } from "../config";
import { ALGORITHM, signingKey } from "./keys";

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

/**
 * A short-lived JWT for services that are not Workers: who the session's user is and what
 * they may do, signed with the stack's current key. Sessions stay the source of truth:
 * the token only says what held when it was issued, for at most TOKEN_TTL seconds.
 */
export async function issueToken(env: Env, session: Session, audience: string[], now: number): Promise<IssuedToken> {
  const { appUrl, tokens } = getConfig(env);
  const { kid, key } = await signingKey(env);
  const accessToken = await new SignJWT({ sid: session.id, roles: session.user.roles, permissions: session.user.permissions })
    .setProtectedHeader({ alg: ALGORITHM, kid, typ: "JWT" })
    .setIssuer(appUrl)
    .setSubject(session.userId)
    .setAudience(audience)
    .setIssuedAt(now)
    .setExpirationTime(now + tokens.ttl)
    .setJti(randomToken(16))
    .sign(key);
  return { accessToken, expiresIn: tokens.ttl };
}
