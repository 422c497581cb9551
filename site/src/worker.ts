/**
 * The site's gateway (Pages advanced mode, and the front Worker of the local stack):
 * /api goes to the user Worker over its service binding, everything else to the static
 * files, and every response leaves with the security headers.
 *
 * On Pages, `_routes.json` (written by the build from ./routes) sends only the routes' paths
 * here; Pages serves the static files itself with the headers of `_headers`.
 */
import { routeOf } from "./routes";
import { setSecurityHeaders } from "@workers-users/shared";

interface GatewayEnv extends Env {
  /** The static files in dist/site; Pages provides it, the local stack declares it. */
  ASSETS: Fetcher;
}

const notFound = () => new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const route = routeOf(url.pathname);
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
  setSecurityHeaders(response.headers, url, isApi);
  return response;
}
