import { createHmac, createPublicKey, generateKeyPairSync } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createVerifier } from "fast-jwt";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JWK } from "jose";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { apiFor } from "./lib/http";
import { newMember, type SignedIn } from "./lib/users";

// The main stack's audiences are "notes-api", as the snippet in docs/tokens.md verifies for.
const stacks = inject("stacks");
const base = stacks.main;
const api = apiFor(base);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const AUDIENCE = "notes-api";

type Authorize = (token: string) => Promise<Record<string, unknown>>;
let member: SignedIn;
let authorize: Authorize;

async function tokenOf(user: SignedIn, baseUrl = base): Promise<string> {
  const res = await apiFor(baseUrl)("POST", "/api/auth/token", { cookie: user.cookie });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** The verification snippet of docs/tokens.md, exactly as written there, pointed at this stack. */
async function documentedSnippet(): Promise<Authorize> {
  const doc = await readFile(join(ROOT, "docs/tokens.md"), "utf8");
  const code = /<!-- snippet: verify -->\s*```js\n([\s\S]*?)```\s*<!-- \/snippet -->/.exec(doc)?.[1];
  if (!code) throw new Error("docs/tokens.md has no verify snippet");
  const dir = join(ROOT, "test-results");
  await mkdir(dir, { recursive: true });
  const file = join(dir, `tokens-snippet-${Date.now()}.mjs`);
  await writeFile(file, code.replaceAll("https://app.example.com", base));
  try {
    return ((await import(pathToFileURL(file).href)) as { authorize: Authorize }).authorize;
  } finally {
    // Imported once, the module lives on in memory; the file would pile up run after run.
    await rm(file, { force: true });
  }
}

const segments = (token: string) => token.split(".") as [string, string, string];
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString()) as Record<string, unknown>;

beforeAll(async () => {
  member = await newMember(base, "jwt");
  authorize = await documentedSnippet();
});

describe("tokens for services beyond Workers", () => {
  it("V3.5.3 the snippet of docs/tokens.md authorises a signed-in user from a Node service", async () => {
    const payload = await authorize(await tokenOf(member));
    expect(payload).toMatchObject({ iss: base, sub: member.id, aud: [AUDIENCE], roles: ["user"] });
    expect(payload.permissions).toEqual(expect.arrayContaining(["account:read", "notes:write"]));
  });

  it("V3.5.3 jose's remote JWKS and fast-jwt (a second implementation) both verify it, every claim checked", async () => {
    const token = await tokenOf(member);
    const jwks = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: base, audience: AUDIENCE, algorithms: ["EdDSA"], maxTokenAge: "10m" });
    expect(protectedHeader).toMatchObject({ alg: "EdDSA", typ: "JWT" });
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(typeof payload.jti).toBe("string");
    const { keys } = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
    const key = keys.find((k) => k.kid === protectedHeader.kid)!;
    const pem = createPublicKey({ key: key as never, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();
    const viaFastJwt = createVerifier({ key: pem, algorithms: ["EdDSA"], allowedIss: base, allowedAud: AUDIENCE, requiredClaims: ["exp", "iat", "jti", "sid"] })(token);
    expect(viaFastJwt).toEqual(payload);
  });

  it("V3.5.3 the documented verification refuses a changed claim, alg none, HS256 with the public key, and other keys", async () => {
    const token = await tokenOf(member);
    const [header, body, signature] = segments(token);
    const kid = decodeProtectedHeader(token).kid!;
    const widened = `${header}.${encode({ ...decode(body), permissions: ["*"] })}.${signature}`;
    const unsigned = `${encode({ alg: "none", typ: "JWT" })}.${body}.`;
    const { keys } = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
    const hsHeader = encode({ alg: "HS256", typ: "JWT", kid });
    const hmac = createHmac("sha256", JSON.stringify(keys[0])).update(`${hsHeader}.${body}`).digest("base64url");
    const confused = `${hsHeader}.${body}.${hmac}`;
    const { privateKey } = generateKeyPairSync("ed25519");
    const forged = await new SignJWT(decode(body)).setProtectedHeader({ alg: "EdDSA", kid, typ: "JWT" }).sign(privateKey);
    // Another stack has keys of its own. Not the fuzz stack: the fuzzer compares its whole state
    // before and after each refused request, and a member made there meanwhile failed it.
    const otherStack = await tokenOf(await newMember(stacks.timing, "other-stack"), stacks.timing);
    for (const [what, bad] of Object.entries({ widened, unsigned, confused, forged, otherStack })) {
      await expect(authorize(bad), what).rejects.toThrow();
    }
  });

  it("V3.5.3 a revoked session gets no new token; one issued before lives only until its exp", async () => {
    const user = await newMember(base, "revoked");
    const issued = await tokenOf(user);
    expect((await api("POST", "/api/auth/logout", { cookie: user.cookie })).status).toBe(204);
    expect((await api("POST", "/api/auth/token", { cookie: user.cookie })).status).toBe(401);
    const payload = await authorize(issued);
    expect((payload.exp as number) - (payload.iat as number)).toBeLessThanOrEqual(600);
  });
});
