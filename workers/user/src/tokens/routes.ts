import * as z from "zod";
import { createRoute } from "../openapi";
import type { MiddlewareHandler } from "hono";
import { HttpProblem, nowSeconds } from "@workers-users/shared";
import { getConfig } from "../config";
import { currentSession, requireSession } from "../middleware/session";
import { createRouter } from "../router";
import { json, problem } from "../schemas";
import type { AppEnv } from "../types";
import { issueToken } from "./issue";
import { ALGORITHM, publishedKeys } from "./keys";

/** Tokens per session are limited (TOKEN_RATE_LIMITER), whatever the local switches say. */
function perSessionLimit(): MiddlewareHandler<AppEnv> {
  return async function perSessionLimit(c, next) {
    const { success } = await c.env.TOKEN_RATE_LIMITER.limit({ key: currentSession(c).id });
    if (!success) throw new HttpProblem("RATE_LIMITED", { detail: "Too many tokens for this session. Try again in a minute.", headers: { "Retry-After": "60" } });
    await next();
  };
}

const TokenReply = z
  .object({ accessToken: z.string(), tokenType: z.literal("Bearer"), expiresIn: z.number().int() })
  .meta({ id: "AccessToken" });

const tokenRoute = createRoute({
  method: "post",
  operationId: "issueAccessToken",
  path: "/token",
  tags: ["auth"],
  summary: "A short-lived JWT for services that are not Workers",
  description:
    "EdDSA (Ed25519), `kid` in the header; claims `iss`, `sub`, `aud`, `exp` (TOKEN_TTL, at most 10 min), `iat`, `jti`, `sid`, `roles`, `permissions`. Only for a live session of an enabled user (checked in D1); 30 a minute per session. Verify with `/.well-known/jwks.json`. `audience` picks one of the configured audiences; without it the token names them all.",
  middleware: [requireSession({ strict: true }), perSessionLimit()] as const,
  request: {
    body: { required: false, content: { "application/json": { schema: z.object({ audience: z.string().max(200).optional() }) } } },
  },
  responses: {
    200: json(TokenReply, "The token"),
    400: problem("VALIDATION_FAILED: an audience that is not configured"),
    401: problem("UNAUTHENTICATED"),
    429: problem("RATE_LIMITED, with Retry-After"),
  },
});

export const tokens = createRouter().openapi(tokenRoute, async (c) => {
  const { audiences } = getConfig(c.env).tokens;
  const asked = c.req.valid("json")?.audience;
  if (asked !== undefined && !audiences.includes(asked)) {
    throw new HttpProblem("VALIDATION_FAILED", { errors: [{ path: "audience", message: "Not one of the audiences tokens are issued for" }] });
  }
  const issued = await issueToken(c.env, currentSession(c), asked === undefined ? audiences : [asked], nowSeconds());
  return c.json({ ...issued, tokenType: "Bearer" as const }, 200);
});

// Public keys change only with a rotation, and verifiers fetch again on an unknown `kid`.
const CACHEABLE = "public, max-age=300";

const jwksRoute = createRoute({
  method: "get",
  operationId: "getJwks",
  path: "/jwks.json",
  tags: ["tokens"],
  summary: "The public keys tokens are signed with: the current one, and the previous one for 11 minutes after a rotation",
  responses: { 200: json(z.object({ keys: z.array(z.record(z.string(), z.unknown())) }), "A JWK Set (RFC 7517)") },
});

const discoveryRoute = createRoute({
  method: "get",
  operationId: "getOpenIdConfiguration",
  path: "/openid-configuration",
  tags: ["tokens"],
  summary: "Where verifiers find the issuer's keys",
  responses: {
    200: json(z.object({ issuer: z.string(), jwks_uri: z.string(), id_token_signing_alg_values_supported: z.array(z.string()) }), "Discovery document"),
  },
});

export const wellKnown = createRouter()
  .openapi(jwksRoute, (c) => {
    c.header("Cache-Control", CACHEABLE);
    return c.json({ keys: publishedKeys(c.env, nowSeconds()) }, 200);
  })
  .openapi(discoveryRoute, (c) => {
    const { appUrl } = getConfig(c.env);
    c.header("Cache-Control", CACHEABLE);
    return c.json({ issuer: appUrl, jwks_uri: `${appUrl}/.well-known/jwks.json`, id_token_signing_alg_values_supported: [ALGORITHM] }, 200);
  });
