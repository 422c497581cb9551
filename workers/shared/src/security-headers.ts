/**
 * The security headers of every response of the site's origin, in one table: the site's gateway
 * sets them on what it serves (the API, the app Workers, any static file it is asked for), the
 * user Worker on each of its answers (a Workers route can reach it without the gateway), and
 * the build writes them into Pages' `_headers` for the static files Pages serves itself.
 */
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
const HSTS = "max-age=31536000; includeSubDomains";

// Pages whose address carries a one-time token: no Referer may ever repeat it.
// Each at its clean URL, as a file and with a trailing slash.
const TOKEN_PAGE_PATHS = ["/verify", "/reset", "/confirm-email"].flatMap((page) => [page, `${page}.html`, `${page}/`]);

/** The headers for a response to `pathname`: an API answer or a page. HSTS is left to the two writers below. */
function securityHeaders(pathname: string, isApi: boolean): Record<string, string> {
  return {
    "Content-Security-Policy": isApi ? API_CSP : PAGE_CSP,
    ...(isApi ? { "Content-Disposition": 'attachment; filename="api.json"' } : {}),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": TOKEN_PAGE_PATHS.includes(pathname) ? "no-referrer" : "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}

/**
 * Sets the headers of an API answer (`isApi`) or a page on a response's (mutable) headers,
 * and HSTS when the request came over https. A download the API names itself (the audit export) keeps its name; every
 * other API answer is `api.json`.
 *
 * @example
 * setSecurityHeaders(response.headers, new URL(request.url), true);
 */
export function setSecurityHeaders(headers: Headers, url: URL, isApi: boolean): void {
  for (const [name, value] of Object.entries(securityHeaders(url.pathname, isApi))) {
    if (name === "Content-Disposition" && /^attachment;/.test(headers.get(name) ?? "")) continue;
    headers.set(name, value);
  }
  if (url.protocol === "https:") headers.set("Strict-Transport-Security", HSTS);
}

/**
 * Pages' `_headers` for the static files: the page headers on every path, HSTS included
 * (Pages serves only https; browsers ignore HSTS over plain http, RFC 6797 8.1), and
 * no referrer at all on the token pages.
 *
 * @example
 * await writeFile(join(siteDir, "_headers"), headersFile());
 */
export function headersFile(): string {
  const block = (pattern: string, lines: string[]) => [pattern, ...lines.map((line) => `  ${line}`)].join("\n");
  const all = Object.entries({ ...securityHeaders("/", false), "Strict-Transport-Security": HSTS }).map(([name, value]) => `${name}: ${value}`);
  const tokenPages = TOKEN_PAGE_PATHS.map((pattern) => block(pattern, ["! Referrer-Policy", "Referrer-Policy: no-referrer"]));
  return `${[block("/*", all), ...tokenPages].join("\n")}\n`;
}
