/**
 * The site's gateway (Pages advanced mode, and the front Worker of the local stack):
 * /api goes to the user Worker over its service binding, everything else to the static
 * files, and every response leaves with the security headers.
 */
interface GatewayEnv extends Env {
  /** The static files in dist/site; Pages provides it, the local stack declares it. */
  ASSETS: Fetcher;
}

const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=()";

// Pages whose address carries a one-time token: no Referer may ever repeat it.
const TOKEN_PAGE = /^\/(verify|reset|confirm-email)(\.html|\/)?$/;

/**
 * Path prefixes served by Workers behind service bindings, passed the request
 * unchanged; everything else is a static file. Add a row for your own Worker.
 */
const ROUTES = [
  { prefix: "/api", binding: "API" },
  // The token issuer's public keys and discovery document, where verifiers look for them.
  { prefix: "/.well-known", binding: "API" },
  { prefix: "/example", binding: "EXAMPLE" },
] as const satisfies ReadonlyArray<{ prefix: string; binding: keyof Env }>;

const notFound = () => new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const route = ROUTES.find(({ prefix }) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));
    let response: Response;
    if (route) response = env[route.binding] ? await env[route.binding].fetch(request) : notFound();
    else if (isHiddenPath(url.pathname)) response = notFound();
    else response = await env.ASSETS.fetch(request);
    return withSecurityHeaders(response, url, route !== undefined);
  },
} satisfies ExportedHandler<GatewayEnv>;

/**
 * Segments starting with "_" or "." (`/_worker.js`, `/.env`) are never served. They are
 * checked decoded too, so a spelling such as `%5F` cannot rely on how the asset server decodes.
 */
function isHiddenPath(pathname: string): boolean {
  try {
    return pathname.split("/").some((segment) => /^[_.]/.test(decodeURIComponent(segment)));
  } catch {
    return true; // malformed percent-encoding: nothing to serve
  }
}

function withSecurityHeaders(upstream: Response, url: URL, isApi: boolean): Response {
  // Responses from bindings have immutable headers: copy before setting.
  const response = new Response(upstream.body, upstream);
  const headers = response.headers;
  headers.set("Content-Security-Policy", isApi ? API_CSP : PAGE_CSP);
  // A download the API names itself (the audit export) keeps its name; everything else is api.json.
  if (isApi && !/^attachment;/.test(upstream.headers.get("Content-Disposition") ?? "")) headers.set("Content-Disposition", 'attachment; filename="api.json"');
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Referrer-Policy", TOKEN_PAGE.test(url.pathname) ? "no-referrer" : "same-origin");
  headers.set("Permissions-Policy", PERMISSIONS_POLICY);
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  if (url.protocol === "https:") headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return response;
}
