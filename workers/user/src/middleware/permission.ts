import type { MiddlewareHandler } from "hono";
import { hasPermission, HttpProblem } from "@workers-users/shared";
import type { AppEnv } from "../types";
import { currentSession } from "./session";

/** 403 FORBIDDEN unless the session's user holds `permission`. Runs after requireSession. */
export function requirePermission(permission: string): MiddlewareHandler<AppEnv> {
  return async function requirePermission(c, next) {
    if (!hasPermission(currentSession(c).user.permissions, permission)) throw new HttpProblem("FORBIDDEN");
    await next();
  };
}
