import type { Session } from "@workers-users/shared";

/** Hono environment of the user Worker. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The session of the request's cookie, when there is a live one. */
    session: Session | null;
    /** The cookie's token; only ever passed on to the session Worker. */
    sessionToken: string | null;
  };
}
