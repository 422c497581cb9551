import { OpenAPIHono } from "@hono/zod-openapi";
import { validationHook } from "./http/errors";
import type { AppEnv } from "./types";

/** Every feature is a small router; schema failures all become 400 VALIDATION_FAILED. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
