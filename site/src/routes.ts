/**
 * Path prefixes served by Workers behind the site's service bindings (site/wrangler.jsonc);
 * everything else is a static file. Add a row for your own Worker.
 *
 * The build writes Pages' `_routes.json` from this list, so only these paths invoke the
 * gateway: static pages are served by Pages itself, with the headers of `_headers`, and
 * count as no Function request. The local stack routes the same way.
 */
export const ROUTES = [
  { prefix: "/api", binding: "API" },
  // The token issuer's public keys and discovery document, where verifiers look for them.
  { prefix: "/.well-known", binding: "API" },
  { prefix: "/example", binding: "EXAMPLE" },
] as const;

/**
 * Static files under a route's prefix. The API's OpenAPI document is made at build time,
 * so it is a file of the site: served and cached like any page, and no byte of the user
 * Worker's size budget.
 */
export const STATIC_UNDER_ROUTES = ["/api/openapi.json"] as const;

/** The route a path belongs to, if any: the prefix itself or anything below it, except the static files above. */
export function routeOf(pathname: string) {
  if ((STATIC_UNDER_ROUTES as readonly string[]).includes(pathname)) return undefined;
  return ROUTES.find(({ prefix }) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** Pages' `_routes.json`: the paths that invoke the gateway (`/api` and `/api/*` for each prefix), less the static files. */
export function routesJson(): { version: 1; include: string[]; exclude: string[] } {
  return { version: 1, include: ROUTES.flatMap(({ prefix }) => [prefix, `${prefix}/*`]), exclude: [...STATIC_UNDER_ROUTES] };
}
