const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ALLOWED_FETCH_SITES = new Set(["same-origin", "none"]);

export interface SameOriginOptions {
  /** Origins accepted besides the request's own, e.g. the public site URL behind a proxy. */
  allowedOrigins?: readonly string[];
}

/**
 * CSRF defence without tokens: whether a state-changing request comes from
 * another site and must be refused (403 `CROSS_SITE_REQUEST`). Browsers send
 * `Origin` on such requests and `Sec-Fetch-Site` where supported; a client
 * that sends neither is not a browser and cannot be made to carry someone
 * else's cookie. Unlike `hono/csrf`, both headers must pass when present, and
 * every body type is checked, not only form posts.
 *
 * @example
 * if (isCrossSiteRequest(request)) return problemResponse(new HttpProblem("CROSS_SITE_REQUEST"));
 * isCrossSiteRequest(request, { allowedOrigins: ["https://app.example.com"] });
 */
export function isCrossSiteRequest(request: Request, options: SameOriginOptions = {}): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && !ALLOWED_FETCH_SITES.has(site.toLowerCase())) return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  return origin !== new URL(request.url).origin && !(options.allowedOrigins ?? []).includes(origin);
}
