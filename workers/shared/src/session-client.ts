import type { SessionApi } from "./session-contract";

/**
 * Types a service binding to the session Worker's `SessionService` entrypoint.
 * RPC calls are async and return structured clones, which is what `SessionApi` says.
 *
 * @example
 * const sessions = sessionClient(env.SESSION);
 * const session = await sessions.get(token);
 */
export function sessionClient(binding: unknown): SessionApi {
  return binding as SessionApi;
}
