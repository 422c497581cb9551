/**
 * What a service that is not a Worker does with a token (docs/tokens.md), run as a
 * Worker so the benchmark measures it beside the session check: verify the JWT
 * against the JWKS, fetched once and kept for the isolate's life, then check one
 * permission. No session Worker, no KV.
 */
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";

interface VerifyEnv {
  API: Fetcher;
  ISSUER: string;
}

let keys: ReturnType<typeof createLocalJWKSet> | undefined;

export default {
  async fetch(request: Request, env: VerifyEnv): Promise<Response> {
    keys ??= createLocalJWKSet((await (await env.API.fetch(`${env.ISSUER}/.well-known/jwks.json`)).json()) as JSONWebKeySet);
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    try {
      const { payload } = await jwtVerify(token, keys, { issuer: env.ISSUER, audience: env.ISSUER, algorithms: ["EdDSA"] });
      if (!(payload.permissions as string[]).includes("notes:read")) return Response.json({ error: "forbidden" }, { status: 403 });
      return Response.json({ user: { id: payload.sub } });
    } catch {
      return Response.json({ error: "unauthenticated" }, { status: 401 });
    }
  },
};
