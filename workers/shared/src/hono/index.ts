/**
 * Hono middleware for any Worker that reads the session: import from
 * `@workers-users/shared/hono`, so Workers without Hono never pull it in.
 *
 * @example
 * import { requirePermission, sameOrigin, session, type SessionVariables } from "@workers-users/shared/hono";
 */
export { requireAuth, type AuthenticatedVariables } from "./require-auth";
export { requirePermission } from "./require-permission";
export { sameOrigin } from "./same-origin";
export { session, type SessionOptions, type SessionVariables } from "./session";
