/**
 * The session check without the RPC hop: the real user Worker app, whose
 * SESSION binding is replaced by the real SessionService running in the same
 * isolate. Everything else (Hono, zod-openapi, middleware, KV bulk read,
 * role map, sliding expiry) is the code the stack runs; the difference to the
 * user Worker is the service-binding call and nothing else, apart from a
 * per-request copy of env (microseconds).
 */
import { SessionService } from "../../workers/session/src/index";
import app from "../../workers/user/src/index";

export default {
  fetch(request, env, ctx) {
    return app.fetch(request, { ...env, SESSION: new SessionService(ctx, env) }, ctx);
  },
} satisfies ExportedHandler<Env>;
