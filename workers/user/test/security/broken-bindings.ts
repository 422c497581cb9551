import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import type { SessionApi } from "@workers-users/shared";
import app from "../../src/index";
import { ORIGIN } from "../helpers";

/** How a failure downstream reaches the user Worker: the message RPC or D1 rethrows. */
export const FAILURES = {
  "session Worker unreachable": () => new Error("Network connection lost."),
  "KV failing in the session Worker": () => new Error("KV GET failed: 503 Service Unavailable"),
  "D1 failing in the session Worker": () => new Error("D1_ERROR: database is locked: SQLITE_BUSY"),
  "a bug in the session Worker": () => new TypeError("Cannot read properties of undefined (reading 'secret_field')"),
} as const;

const METHODS: Array<keyof SessionApi> = ["create", "get", "getStrict", "getData", "setData", "destroy", "reauthenticate", "list", "revoke", "revokeAll", "refreshUser", "refreshRoles", "sweepExpired"];

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * A SESSION binding reaching the real session Worker, with some methods wrapped:
 * the seam through which tests make storage fail or make a change land mid-request.
 */
export function wrappedSessionBinding(wrap: Partial<Record<keyof SessionApi, (real: Method) => Method>>): SessionApi {
  const real = env.SESSION as unknown as Record<string, Method>;
  return Object.fromEntries(
    METHODS.map((name) => {
      const call: Method = (...args) => real[name]!(...args);
      return [name, wrap[name]?.(call) ?? call];
    }),
  ) as unknown as SessionApi;
}

/**
 * A SESSION binding whose `failing` methods reject with `error`; the others reach the
 * real session Worker. With no list, every method fails.
 */
export function sessionBinding(error: () => Error, failing: Array<keyof SessionApi> = METHODS): SessionApi {
  return wrappedSessionBinding(Object.fromEntries(failing.map((name) => [name, () => () => Promise.reject(error())])));
}

/** A D1 binding on which every statement fails the way an unavailable database does. */
export function failingDb(): D1Database {
  const fail = () => Promise.reject(new Error("D1_ERROR: Network connection lost."));
  const statement: Record<string, unknown> = { first: fail, all: fail, run: fail, raw: fail };
  statement.bind = () => statement;
  return { prepare: () => statement, batch: fail, exec: fail, dump: fail, withSession: () => ({ prepare: () => statement, batch: fail }) } as unknown as D1Database;
}

/** Calls the app with some bindings swapped, the way the site calls it: same origin, JSON. */
export async function callWith(
  bindings: Partial<Env>,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown } = {},
): Promise<Response> {
  const headers = new Headers({ origin: ORIGIN });
  if (options.cookie) headers.set("cookie", options.cookie);
  const withBody = options.body !== undefined && method !== "GET" && method !== "HEAD";
  if (withBody) headers.set("content-type", "application/json");
  const body = withBody ? JSON.stringify(options.body) : undefined;
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}${path}`, { method, headers, body }), { ...env, ...bindings }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
