/**
 * Loopback fakes of two providers, for what a real provider will not produce:
 * - an OpenID issuer whose token endpoint signs (with jose) the ID token a test scripted for a
 *   code: expired, for another audience or issuer, `alg: none`, signed by a key not in its JWKS;
 * - GitHub's OAuth endpoints and its user and emails API (under /gh and /ghapi), answering for a
 *   code the user and the address list a test scripted.
 * `POST /script {code, idToken?, github?}` scripts a code; each code answers once.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";

export interface ScriptedIdToken {
  /** "expired", "wrong-aud", "wrong-iss", "alg-none", "wrong-key", or "ok". */
  mode: string;
  nonce: string;
  sub: string;
  email?: string;
  emailVerified?: boolean;
}

export interface ScriptedGitHub {
  user: { id: number; login: string; name?: string };
  emails: { email: string; primary: boolean; verified: boolean }[];
}

export const FAKE_CLIENT_ID = "fake-client";

async function read(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
}

function unsigned(claims: JWTPayload): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`;
}

export async function startFakeIdentityProviders(): Promise<{ url: string; close: () => Promise<void> }> {
  const key = await generateKeyPair("RS256");
  const stranger = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(key.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  const codes = new Map<string, { idToken?: ScriptedIdToken; github?: ScriptedGitHub }>();
  const tokens = new Map<string, ScriptedGitHub>();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function idToken(script: ScriptedIdToken): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims = { nonce: script.nonce, email: script.email, email_verified: script.emailVerified ?? true };
    if (script.mode === "alg-none") return unsigned({ ...claims, iss: url, aud: FAKE_CLIENT_ID, sub: script.sub, iat: now, exp: now + 300 });
    const signer = script.mode === "wrong-key" ? stranger.privateKey : key.privateKey;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(script.mode === "wrong-iss" ? "https://issuer.evil.example" : url)
      .setAudience(script.mode === "wrong-aud" ? "someone-else" : FAKE_CLIENT_ID)
      .setSubject(script.sub)
      .setIssuedAt(script.mode === "expired" ? now - 7200 : now)
      .setExpirationTime(script.mode === "expired" ? now - 3600 : now + 300)
      .sign(signer);
  }

  server.on("request", async (req, res) => {
    const path = new URL(req.url ?? "/", url).pathname;
    const send = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
    try {
      if (path === "/.well-known/openid-configuration") {
        return send(200, {
          issuer: url,
          authorization_endpoint: `${url}/authorize`,
          token_endpoint: `${url}/token`,
          jwks_uri: `${url}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          // Lists what must never be accepted: the Worker keeps only asymmetric algorithms.
          id_token_signing_alg_values_supported: ["RS256", "none", "HS256"],
        });
      }
      if (path === "/jwks") return send(200, { keys: [jwk] });
      if (req.method === "POST" && path === "/script") {
        const { code, ...script } = JSON.parse(await read(req)) as { code: string; idToken?: ScriptedIdToken; github?: ScriptedGitHub };
        codes.set(code, script);
        return send(200, {});
      }
      if (req.method === "POST" && (path === "/token" || path === "/gh/login/oauth/access_token")) {
        const code = new URLSearchParams(await read(req)).get("code") ?? "";
        const script = codes.get(code);
        codes.delete(code);
        if (!script) return send(400, { error: "invalid_grant" });
        if (script.github) {
          tokens.set(`gh-${code}`, script.github);
          return send(200, { access_token: `gh-${code}`, token_type: "bearer", scope: "read:user,user:email" });
        }
        return send(200, { access_token: `at-${code}`, token_type: "Bearer", expires_in: 300, id_token: await idToken(script.idToken!) });
      }
      const github = tokens.get((req.headers.authorization ?? "").replace(/^Bearer /, ""));
      if (path === "/ghapi/user") return github ? send(200, github.user) : send(401, { message: "Bad credentials" });
      if (path === "/ghapi/user/emails") return github ? send(200, github.emails) : send(401, { message: "Bad credentials" });
      send(404, { error: "not_found" });
    } catch {
      if (!res.headersSent) send(500, { error: "fake failed" });
    }
  });
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
