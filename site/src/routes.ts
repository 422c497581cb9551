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

/** The route a path belongs to, if any: the prefix itself or anything below it. */
export function routeOf(pathname: string) {
  return ROUTES.find(({ prefix }) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** Pages' `_routes.json`: the paths that invoke the gateway (`/api` and `/api/*` for each prefix). */
export function routesJson(): { version: 1; include: string[]; exclude: string[] } {
  return { version: 1, include: ROUTES.flatMap(({ prefix }) => [prefix, `${prefix}/*`]), exclude: [] };
}
