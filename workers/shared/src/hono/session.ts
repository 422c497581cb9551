import type { MiddlewareHandler } from "hono";
import { loadSession } from "../fetch-session";
import { problemResponse } from "../problem";
import type { Session, SessionUser } from "../session-contract";

/**
 * What `session()` puts on the context. Declare it on the app so handlers see
 * typed `c.var.user` and `c.var.session`.
 *
 * @example
 * const app = new Hono<{ Bindings: Env; Variables: SessionVariables }>();
 */
export interface SessionVariables {
  /** The signed-in user, with roles and effective permissions; null when anonymous. */
  user: SessionUser | null;
  session: Session | null;
}

export interface SessionOptions {
  /** Name of the service binding to the session Worker's `SessionService`. Default `SESSION`. */
  binding?: string;
  /** Confirm every session in D1 too (strongly consistent, one D1 read more). Default false. */
  strict?: boolean;
}

/**
 * Loads the session of the `__Host-session` cookie over the session Worker's
 * service binding and sets `c.var.user` / `c.var.session` (null when there is
 * no live session; pair with `requireAuth()` or `requirePermission()` to refuse
 * anonymous requests). If the session Worker fails, the request fails closed
 * with 503 SERVICE_UNAVAILABLE problem+json.
 *
 * @example
 * const app = new Hono<{ Bindings: Env; Variables: SessionVariables }>();
 * app.use("*", session());                       // env.SESSION
 * app.use("/admin/*", session({ strict: true })); // D1-confirmed
 * app.get("/me", (c) => c.json({ user: c.var.user }));
 */
export function session(options: SessionOptions = {}): MiddlewareHandler<{ Variables: SessionVariables }> {
  const bindingName = options.binding ?? "SESSION";
  const strict = options.strict ?? false;
  return async function session(c, next) {
    const binding = (c.env as Record<string, unknown> | undefined)?.[bindingName];
    if (binding === undefined) throw new TypeError(`session(): no binding named ${bindingName} in env`);
    let loaded: Session | null;
    try {
      loaded = await loadSession(c.req.raw, binding, { strict });
    } catch (error) {
      return problemResponse(error);
    }
    c.set("session", loaded);
    c.set("user", loaded?.user ?? null);
    await next();
  };
}
