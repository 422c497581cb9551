import type { SessionVariables } from "@workers-users/shared/hono";

/** Hono environment of the example Worker: its bindings and the session variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: SessionVariables;
}
