/**
 * The local stack's OpenID provider: a real one (oidc-provider) on loopback, with a few
 * local people and a login page of its own, configured in the user Worker as provider
 * `dev`. Only `npm start` and the tests run it; deployed stacks never know it.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { interactionPolicy, type Configuration } from "oidc-provider";

export interface DevPerson {
  email: string;
  name: string;
  emailVerified: boolean;
}

/** Everyone signs in with the password `dev`. Carol's address is not verified: she shows what that refuses. */
export const DEV_PEOPLE: DevPerson[] = [
  { email: "alice@example.com", name: "Alice (dev)", emailVerified: true },
  { email: "bob@example.com", name: "Bob (dev)", emailVerified: true },
  { email: "carol@example.com", name: "Carol (dev, unverified)", emailVerified: false },
];
export const DEV_PASSWORD = "dev";
const MAX_FORM_BYTES = 4096;

export interface DevIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export interface DevIdentityProviderOptions {
  /** The user Worker's callback, `<APP_URL>/api/auth/oauth/dev/callback`. */
  redirectUris: string[];
  /** For tests: any `<name>@<domain>` signs in as a person of that address, unverified when it contains "+unverified". */
  anyone?: boolean;
}

function personOf(login: string, anyone: boolean): DevPerson | null {
  const known = DEV_PEOPLE.find((p) => p.email === login);
  if (known || !anyone || !/^[^\s@]{1,64}@[^\s@]{1,190}$/.test(login)) return known ?? null;
  return { email: login, name: login.split("@")[0]!, emailVerified: !login.includes("+unverified") };
}

/** The login page every time, so trying another local person needs no cookie clearing. */
function askEveryTime() {
  const policy = interactionPolicy.base();
  const { Check } = interactionPolicy;
  policy.get("login")!.checks.add(new Check("dev_every_time", "the dev provider asks who you are on every sign-in", (ctx) =>
    ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT,
  ));
  return policy;
}

async function configuration(options: DevIdentityProviderOptions, clientSecret: string): Promise<Configuration> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const anyone = options.anyone ?? false;
  return {
    clients: [{ client_id: "workers-users-dev", client_secret: clientSecret, redirect_uris: options.redirectUris, response_types: ["code"], grant_types: ["authorization_code"] }],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: "RS256", use: "sig", kid: "dev-1" }] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    interactions: { policy: askEveryTime(), url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const person = personOf(id, anyone);
      if (!person) return undefined;
      return { accountId: id, claims: () => ({ sub: id, email: person.email, email_verified: person.emailVerified, name: person.name }) };
    },
    // A first-party client: no consent screen, the grant is given at sign-in.
    async loadExistingGrant(ctx) {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  };
}

const page = (uid: string, error = "") => `<!doctype html><html lang="en"><meta charset="utf-8"><title>Dev identity provider</title>
<body style="font-family:system-ui;max-width:28rem;margin:3rem auto">
<h1>Dev identity provider</h1><p>A local OpenID provider for trying social sign-in. Password for everyone: <code>${DEV_PASSWORD}</code>.</p>
<ul>${DEV_PEOPLE.map((p) => `<li><code>${p.email}</code> ${p.emailVerified ? "" : "(email not verified)"}</li>`).join("")}</ul>
${error ? `<p role="alert" style="color:#b00">${error}</p>` : ""}
<form method="post" action="/interaction/${uid}/login">
<label>Email <input name="login" autocomplete="username" required></label><br>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label><br>
<button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form></body></html>`;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_FORM_BYTES) throw new Error("form too large");
  }
  return new URLSearchParams(body);
}

async function interaction(provider: Provider, anyone: boolean, req: IncomingMessage, res: ServerResponse, path: string[]) {
  const details = await provider.interactionDetails(req, res);
  const html = (status: number, body: string) => res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(body);
  if (req.method === "GET") return html(200, page(details.uid));
  if (req.method === "POST" && path[1] === "abort") {
    return provider.interactionFinished(req, res, { error: "access_denied", error_description: "cancelled" }, { mergeWithLastSubmission: false });
  }
  const form = await readForm(req);
  const login = (form.get("login") ?? "").trim().toLowerCase();
  if (form.get("password") !== DEV_PASSWORD || personOf(login, anyone) === null) return html(401, page(details.uid, "Unknown person or wrong password."));
  return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
}

export async function startDevIdentityProvider(options: DevIdentityProviderOptions): Promise<DevIdentityProvider> {
  const clientSecret = randomBytes(24).toString("base64url");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // Never keeps a process alive by itself (the local stack's workerd does that for `npm start`).
  server.unref();
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, await configuration(options, clientSecret));
  const callback = provider.callback();
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", issuer).pathname.split("/").filter(Boolean);
    if (path[0] !== "interaction") return callback(req, res);
    interaction(provider, options.anyone ?? false, req, res, path.slice(1)).catch(() => {
      if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" }).end("This sign-in has expired. Start again from the site.");
    });
  });
  return {
    issuer,
    clientId: "workers-users-dev",
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
