import * as z from "zod";
import { HttpProblem, nowSeconds, passkeyClient } from "@workers-users/shared";
import { findUserById } from "../db/users";
import { requirePermission } from "../middleware/permission";
import { currentSession, requireSession } from "../middleware/session";
import { requireRecentAuth } from "../mfa/recent-auth";
import { createRoute } from "../openapi";
import { createRouter } from "../router";
import { body, json, problem, Name } from "../schemas";
import { audit } from "../users/audit";
import { CHALLENGE_TTL_SECONDS, issueChallenge, takeChallenge } from "./challenges";
import { relyingParty } from "./relying-party";
import { CeremonyOptions, CredentialResponse, Passkey, PasskeyId } from "./schemas";
import { insertPasskey, listPasskeys, removePasskey, renamePasskey, toView } from "./store";

/** Passkeys one account may hold: more than anyone uses, few enough to list on one page. */
export const MAX_PASSKEYS_PER_USER = 20;
const DEFAULT_NAME = "Passkey";

const params = { params: z.object({ id: PasskeyId }) };

const listRoute = createRoute({
  method: "get",
  path: "/",
  operationId: "listPasskeys",
  tags: ["account"],
  summary: "This account's passkeys",
  // Strict sessions throughout: a revoked session still cached in another location's KV adds or removes nothing.
  middleware: [requireSession({ strict: true }), requirePermission("account:read")] as const,
  responses: { 200: json(z.object({ passkeys: z.array(Passkey) }), "Passkeys, oldest first"), 401: problem("UNAUTHENTICATED") },
});

const optionsRoute = createRoute({
  method: "post",
  path: "/options",
  operationId: "passkeyRegistrationOptions",
  tags: ["account"],
  summary: "Options for navigator.credentials.create; the challenge is bound to this browser for 5 minutes",
  // Adding or removing a passkey changes how the account signs in: a recent sign-in first.
  middleware: [requireSession({ strict: true }), requirePermission("account:write"), requireRecentAuth()] as const,
  "x-recent-auth": true,
  responses: { 200: json(z.object({ options: CeremonyOptions }), "Registration options"), 401: problem("UNAUTHENTICATED, or REAUTH_REQUIRED when the last sign-in is over 10 minutes old"), 409: problem("PASSKEY_LIMIT_REACHED") },
});

const addRoute = createRoute({
  method: "post",
  path: "/",
  operationId: "addPasskey",
  tags: ["account"],
  summary: "Add a passkey: the browser's answer to the registration options",
  // Adding or removing a passkey changes how the account signs in: a recent sign-in first.
  middleware: [requireSession({ strict: true }), requirePermission("account:write"), requireRecentAuth()] as const,
  "x-recent-auth": true,
  request: { body: body(z.object({ response: CredentialResponse, name: Name.optional() })) },
  responses: {
    201: json(z.object({ passkey: Passkey }), "Added"),
    400: problem("VALIDATION_FAILED, PASSKEY_CHALLENGE_INVALID (no challenge of this browser and account, used or expired), PASSKEY_REGISTRATION_FAILED (origin, RP ID, user verification)"),
    401: problem("UNAUTHENTICATED, or REAUTH_REQUIRED when the last sign-in is over 10 minutes old"),
    409: problem("PASSKEY_LIMIT_REACHED, or CONFLICT: the passkey is registered already"),
  },
});

const renameRoute = createRoute({
  method: "patch",
  path: "/{id}",
  operationId: "renamePasskey",
  tags: ["account"],
  summary: "Rename one of this account's passkeys",
  middleware: [requireSession({ strict: true }), requirePermission("account:write")] as const,
  request: { ...params, body: body(z.object({ name: Name })) },
  responses: { 200: json(z.object({ passkey: Passkey }), "Renamed"), 400: problem("VALIDATION_FAILED"), 401: problem("UNAUTHENTICATED"), 404: problem("NOT_FOUND: no such passkey of this account") },
});

const removeRoute = createRoute({
  method: "delete",
  path: "/{id}",
  operationId: "removePasskey",
  tags: ["account"],
  summary: "Remove one of this account's passkeys",
  // Adding or removing a passkey changes how the account signs in: a recent sign-in first.
  middleware: [requireSession({ strict: true }), requirePermission("account:write"), requireRecentAuth()] as const,
  "x-recent-auth": true,
  request: params,
  responses: { 204: { description: "Removed" }, 400: problem("VALIDATION_FAILED"), 401: problem("UNAUTHENTICATED, or REAUTH_REQUIRED when the last sign-in is over 10 minutes old"), 404: problem("NOT_FOUND: no such passkey of this account") },
});

export const accountPasskeys = createRouter()
  .openapi(listRoute, async (c) => {
    const rows = await listPasskeys(c.env.DB, currentSession(c).userId);
    return c.json({ passkeys: rows.map(toView) }, 200);
  })
  .openapi(optionsRoute, async (c) => {
    const { userId } = currentSession(c);
    const [user, rows] = await Promise.all([findUserById(c.env.DB, userId), listPasskeys(c.env.DB, userId)]);
    if (user === null) throw new HttpProblem("UNAUTHENTICATED");
    if (rows.length >= MAX_PASSKEYS_PER_USER) throw new HttpProblem("PASSKEY_LIMIT_REACHED");
    const options = await passkeyClient(c.env.PASSKEYS).registrationOptions({
      ...relyingParty(c.env),
      user: { id: user.id, name: user.email, displayName: user.name ?? user.email },
      excludeCredentialIds: rows.map((r) => r.id),
      timeoutMs: CHALLENGE_TTL_SECONDS * 1000,
    });
    await issueChallenge(c, options.challenge, "register", user.id);
    return c.json({ options }, 200);
  })
  .openapi(addRoute, async (c) => {
    const { userId } = currentSession(c);
    const { response, name } = c.req.valid("json");
    const taken = await takeChallenge(c, response.response.clientDataJSON, "register");
    // A challenge issued to another account (signed in here before) adds nothing to this one.
    if (taken.type !== "ok" || taken.userId !== userId) throw new HttpProblem("PASSKEY_CHALLENGE_INVALID");
    const { rpId, origin } = relyingParty(c.env);
    const result = await passkeyClient(c.env.PASSKEYS).verifyRegistration({ rpId, origin, challenge: taken.challenge, response });
    if (result.type !== "verified") {
      console.warn(JSON.stringify({ passkey: "registration refused", reason: result.reason }));
      throw new HttpProblem("PASSKEY_REGISTRATION_FAILED");
    }
    const passkey = { userId, credential: result.credential, name: name ?? DEFAULT_NAME, backedUp: result.backedUp, max: MAX_PASSKEYS_PER_USER };
    const row = await insertPasskey(c.env.DB, passkey, nowSeconds());
    if (row === null) throw new HttpProblem((await listPasskeys(c.env.DB, userId)).length >= MAX_PASSKEYS_PER_USER ? "PASSKEY_LIMIT_REACHED" : "CONFLICT");
    await audit(c, "passkey.added", { target: userId, detail: { passkeyId: row.id } });
    return c.json({ passkey: toView(row) }, 201);
  })
  .openapi(renameRoute, async (c) => {
    const { userId } = currentSession(c);
    const row = await renamePasskey(c.env.DB, userId, c.req.valid("param").id, c.req.valid("json").name ?? DEFAULT_NAME);
    if (row === null) throw new HttpProblem("NOT_FOUND");
    await audit(c, "passkey.renamed", { target: userId, detail: { passkeyId: row.id } });
    return c.json({ passkey: toView(row) }, 200);
  })
  .openapi(removeRoute, async (c) => {
    const { userId } = currentSession(c);
    const { id } = c.req.valid("param");
    // Scoped to the caller's own passkeys: another account's id is simply not found.
    if (!(await removePasskey(c.env.DB, userId, id))) throw new HttpProblem("NOT_FOUND");
    await audit(c, "passkey.removed", { target: userId, detail: { passkeyId: id } });
    return c.body(null, 204);
  });
