import { Hono, type Context, type MiddlewareHandler } from "hono";
import { validator } from "hono/validator";
import { mergePath } from "hono/utils/url";
import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { ZodType } from "zod";
import { validationHook } from "../http/errors";
import type { AppEnv } from "../types";

/** A route as declared, under the path it is served at: what the build-time document is made from. */
export interface Declared {
  route: RouteConfig;
  path: string;
}

type Target = "json" | "query" | "param";

/** Parses one part of the request with its schema; a failure is 400 VALIDATION_FAILED. */
function validated(target: Target, schema: ZodType): MiddlewareHandler {
  return validator(target, async (value, c: Context) => {
    const result = await schema.safeParseAsync(value);
    if (!result.success) validationHook(result, c);
    return result.data;
  });
}

/** An optional JSON body: validated when one is sent, `{}` when none is. */
function optionalJson(schema: ZodType): MiddlewareHandler {
  const parse = validated("json", schema);
  return async function optionalJson(c, next) {
    if (c.req.header("content-type") !== undefined) return parse(c, next);
    c.req.addValidatedData("json", {});
    await next();
  };
}

function validatorsFor(route: RouteConfig): MiddlewareHandler[] {
  const { query, params, body } = route.request ?? {};
  const validators: MiddlewareHandler[] = [];
  if (query) validators.push(validated("query", query as ZodType));
  if (params) validators.push(validated("param", params as ZodType));
  const media = body?.content["application/json"] as { schema?: ZodType } | undefined;
  const schema = media?.schema;
  if (schema) validators.push(body?.required ? validated("json", schema) : optionalJson(schema));
  return validators;
}

/**
 * Hono with `openapi(route, handler)`: the route's schemas validate the request, and
 * the route is kept in `declared` for the OpenAPI document. The document itself is
 * made at build time (scripts/openapi.ts), so the generator stays out of the Worker.
 * Bodies are JSON or nothing before this runs (http/json-body.ts).
 */
export class ApiRouter extends Hono<AppEnv> {
  readonly declared: Declared[] = [];

  constructor() {
    super();
    // `app.route(prefix, router)` also takes the router's declarations, under the prefix.
    const mount = this.route.bind(this);
    this.route = ((prefix: string, app: Hono<AppEnv>) => {
      mount(prefix, app);
      if (app instanceof ApiRouter) for (const d of app.declared) this.declared.push({ route: d.route, path: mergePath(prefix, d.path) });
      return this;
    }) as Hono<AppEnv>["route"];
  }

  openapi(route: RouteConfig, handler: MiddlewareHandler): this {
    const { middleware = [] } = route;
    const handlers = [...(Array.isArray(middleware) ? middleware : [middleware]), ...validatorsFor(route), handler] as MiddlewareHandler[];
    this.on([route.method.toUpperCase()], [route.path.replaceAll(/\/{(.+?)}/g, "/:$1")], ...(handlers as [MiddlewareHandler]));
    this.declared.push({ route, path: route.path });
    return this;
  }
}

/**
 * A router typed as @hono/zod-openapi's, so handlers get typed `c.req.valid(...)` from
 * the route's schemas; at run time it is the ApiRouter above, without the document
 * methods (`doc`, `getOpenAPIDocument`), which only the build uses.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new ApiRouter() as unknown as OpenAPIHono<AppEnv>;
}

/**
 * A route definition, kept as written; its path uses OpenAPI's `{param}` form. Every
 * route names its operation (`operationId`: camelCase, unique, never renamed once
 * published), which client generators turn into method names. The session cookie, the
 * shared refusals and the rest are derived for the document (openapi/operation.ts).
 */
export function createRoute<const R extends RouteConfig & { operationId: string }>(route: R): R {
  return route;
}
