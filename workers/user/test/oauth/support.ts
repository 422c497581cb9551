import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { ORIGIN, sessionCookie } from "../helpers";

/** A GET from this origin's pages that does not follow redirects (a browser's view of a 302). */
export async function call(method: "GET", path: string, options: { cookie?: string | null } = {}): Promise<Response> {
  const headers = new Headers(options.cookie ? { cookie: options.cookie } : {});
  const main = (exports as unknown as { default: Fetcher }).default;
  return main.fetch(new Request(`${ORIGIN}${path}`, { method, headers, redirect: "manual" }));
}

/** `name=value` of a cookie a response sets (an empty value when it clears it), or null. */
export function setCookie(res: Response, name: string): { pair: string; header: string } | null {
  const header = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return header ? { pair: header.split(";")[0]!, header } : null;
}

export interface Started {
  /** The provider's authorization URL. */
  authorize: URL;
  /** The `__Host-oauth-flow` cookie pair this browser got. */
  flow: string;
  res: Response;
}

/** A browser starts a sign-in (or a link, with its session cookie) at `provider`. */
export async function start(provider: string, options: { returnTo?: string; intent?: "link"; cookie?: string } = {}): Promise<Started> {
  const query = new URLSearchParams();
  if (options.returnTo !== undefined) query.set("returnTo", options.returnTo);
  if (options.intent) query.set("intent", options.intent);
  const res = await call("GET", `/api/auth/oauth/${provider}/start?${query}`, { cookie: options.cookie });
  expect(res.status).toBe(302);
  const flow = setCookie(res, "__Host-oauth-flow");
  expect(flow).not.toBeNull();
  return { authorize: new URL(res.headers.get("location")!), flow: flow!.pair, res };
}

/**
 * Signs in at the local OpenID provider (oidc-provider, the one `npm start` runs) as `login`,
 * the way a browser does: its authorization endpoint, its own login form, the redirect back.
 * Returns the callback URL the provider sends the browser to (code, state, iss).
 */
export async function signInAtDevProvider(authorize: URL, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const visit = async (url: URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    await res.arrayBuffer();
    expect(res.status, `${url.pathname} answered ${res.status}`).toBeGreaterThanOrEqual(300);
    return new URL(res.headers.get("location")!, url);
  };
  const interaction = await visit(authorize);
  expect(interaction.pathname).toMatch(/^\/interaction\//);
  const resume = await visit(new URL(`${interaction.pathname}/login`, interaction), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ login, password: "dev" }).toString(),
  });
  const callback = await visit(resume);
  expect(callback.pathname).toBe("/api/auth/oauth/dev/callback");
  return callback;
}

/** The browser arrives back at the callback with its cookies. */
export async function callback(url: URL, cookies: Array<string | null>): Promise<Response> {
  return call("GET", `${url.pathname}${url.search}`, { cookie: cookies.filter(Boolean).join("; ") });
}

/** Where a callback sent the browser, and the session it got (null for none). */
export function outcome(res: Response): { location: string; session: string | null } {
  expect(res.status).toBe(302);
  return { location: res.headers.get("location")!, session: sessionCookie(res) };
}

/** A whole sign-in with the dev provider from a fresh browser (or one with `cookie`). */
export async function devSignIn(login: string, options: { returnTo?: string; intent?: "link"; cookie?: string } = {}) {
  const started = await start("dev", options);
  const back = await signInAtDevProvider(started.authorize, login);
  return outcome(await callback(back, [started.flow, options.cookie ?? null]));
}

/** Scripts what the loopback fakes answer for `code` (test/setup/fake-identity-providers.ts). */
export async function script(code: string, answer: object): Promise<void> {
  const res = await fetch(`${env.TEST_FAKE_IDP_URL}/script`, { method: "POST", body: JSON.stringify({ code, ...answer }) });
  expect(res.status).toBe(200);
}

export async function auditActions(userId: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT action FROM audit_log WHERE target = ? ORDER BY id").bind(userId).all<{ action: string }>();
  return results.map((r) => r.action);
}
