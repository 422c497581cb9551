import * as z from "zod";
import { createRoute } from "../openapi";
import type { Context } from "hono";
import { HttpProblem, loadSessionOfToken, readSessionToken, secretsEqual, type ErrorCode } from "@workers-users/shared";
import { getConfig } from "../config";
import { ipRateLimit } from "../http/ip-rate-limit";
import { createRouter } from "../router";
import { json, problem } from "../schemas";
import type { AppEnv } from "../types";
import { audit } from "../users/audit";
import { authorizationUrl } from "./authorize";
import { completeFlow } from "./complete";
import { exchangeCode } from "./exchange";
import { saveFlow, takeFlow } from "./flow-cookie";
import { configuredProviders, findProvider, type Provider } from "./providers";
import { safeReturnTo } from "./return-to";

const ProviderId = z.object({ provider: z.string().regex(/^[a-z][a-z0-9]{0,31}$/) });
const redirect = { description: "Redirect (302)" };

const listRoute = createRoute({
  method: "get",
  operationId: "listOAuthProviders",
  path: "/oauth/providers",
  tags: ["auth"],
  summary: "The sign-in providers this stack offers (one button each)",
  responses: { 200: json(z.object({ providers: z.array(z.object({ id: z.string(), name: z.string() })) }), "Configured providers") },
});

const startRoute = createRoute({
  method: "get",
  operationId: "startOAuth",
  security: [{}, { sessionCookie: [] }],
  path: "/oauth/{provider}/start",
  tags: ["auth"],
  summary: "Begins a sign-in (or, with intent=link and a session, a link) at the provider",
  description:
    "302 to the provider with `state`, `nonce` (OpenID Connect), PKCE `S256` and the redirect URI `<APP_URL>/api/auth/oauth/<provider>/callback`; the flow is kept in a 10-minute `__Host-oauth-flow` cookie. `returnTo` is honoured only as a path on this origin.",
  middleware: [ipRateLimit("oauth")] as const,
  request: { params: ProviderId, query: z.object({ returnTo: z.string().max(2048).optional(), intent: z.enum(["sign-in", "link"]).optional() }) },
  responses: { 302: redirect, 401: problem("intent=link without a live session"), 404: problem("NOT_FOUND: no such provider is configured") },
});

const callbackRoute = createRoute({
  method: "get",
  operationId: "finishOAuth",
  security: [{}, { sessionCookie: [] }],
  path: "/oauth/{provider}/callback",
  tags: ["auth"],
  summary: "The provider's redirect back: checks everything, signs in or links, 302 onwards",
  description:
    "302 to the flow's `returnTo` (default `/account`) on success, or to `/login?step=mfa&methods=<comma-separated methods>` when the account has a second factor (only the `__Host-mfa` cookie is set then); on failure 302 to `/login?error=<CODE>` (or `/account?error=<CODE>` when linking) with a code from the catalogue: OAUTH_STATE_MISMATCH, OAUTH_FAILED, OAUTH_EMAIL_UNVERIFIED, OAUTH_EMAIL_IN_USE, IDENTITY_IN_USE, ACCOUNT_DISABLED, RATE_LIMITED, UNAUTHENTICATED.",
  middleware: [ipRateLimit("oauth")] as const,
  request: { params: ProviderId, query: z.object({ state: z.string().max(512).optional() }).passthrough() },
  responses: { 302: redirect, 404: problem("NOT_FOUND: no such provider is configured") },
});

function providerOr404(c: Context<AppEnv>, id: string): Provider {
  const provider = findProvider(c.env, id);
  if (provider === null) throw new HttpProblem("NOT_FOUND");
  return provider;
}

const redirectUri = (c: Context<AppEnv>, provider: Provider) => `${getConfig(c.env).appUrl}/api/auth/oauth/${provider.id}/callback`;

export const oauthRoutes = createRouter()
  .openapi(listRoute, (c) => c.json({ providers: configuredProviders(c.env).map(({ id, name }) => ({ id, name })) }, 200))
  .openapi(startRoute, async (c) => {
    const provider = providerOr404(c, c.req.valid("param").provider);
    const { returnTo, intent = "sign-in" } = c.req.valid("query");
    let userId: string | null = null;
    if (intent === "link") {
      const token = readSessionToken(c.req.raw);
      const session = token === null ? null : await loadSessionOfToken(token, c.env.SESSION, { strict: true });
      if (session === null) throw new HttpProblem("UNAUTHENTICATED");
      userId = session.userId;
    }
    const start = await authorizationUrl(provider, redirectUri(c, provider));
    if (start === null) return c.redirect(failurePage(intent, "OAUTH_FAILED"), 302);
    saveFlow(c, { provider: provider.id, ...start.secrets, returnTo: safeReturnTo(returnTo), intent, userId });
    return c.redirect(start.url, 302);
  })
  .openapi(callbackRoute, async (c) => {
    const provider = providerOr404(c, c.req.valid("param").provider);
    const flow = takeFlow(c, provider.id);
    const state = c.req.valid("query").state ?? "";
    if (flow === null || !(await secretsEqual(state, flow.state))) return fail(c, "sign-in", "OAUTH_STATE_MISMATCH", provider, "state");
    const exchange = await exchangeCode(provider, new URL(c.req.url), flow, redirectUri(c, provider));
    if (exchange.type === "failed") return fail(c, flow.intent, "OAUTH_FAILED", provider, exchange.reason);
    const outcome = await completeFlow(c, provider.id, exchange.person, flow);
    if (outcome.type === "refused") return fail(c, flow.intent, outcome.code, provider, outcome.reason);
    // The second step is the sign-in page's (told which factors to offer); the pending sign-in remembers where to go after it.
    if (outcome.type === "mfa_required") return c.redirect(`/login?step=mfa&methods=${outcome.methods.join(",")}`, 302);
    return c.redirect(flow.returnTo ?? "/account", 302);
  });

function failurePage(intent: "sign-in" | "link", code: ErrorCode): string {
  return `${intent === "link" ? "/account" : "/login"}?error=${code}`;
}

/** Every refusal is audited with a short reason (never a code, token or address) and shown on the page. */
async function fail(c: Context<AppEnv>, intent: "sign-in" | "link", code: ErrorCode, provider: Provider, reason: string) {
  await audit(c, "auth.oauth.failed", { actorId: c.get("session")?.userId ?? null, detail: { provider: provider.id, code, reason } });
  return c.redirect(failurePage(intent, code), 302);
}
