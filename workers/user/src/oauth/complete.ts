import type { Context } from "hono";
import { HttpProblem, loadSessionOfToken, nowSeconds, readSessionToken, type ErrorCode } from "@workers-users/shared";
import { createUserWithIdentity, findIdentity, linkIdentity, touchIdentity } from "../db/identities";
import { findUserByEmail, findUserById, type UserRow } from "../db/users";
import type { AppEnv } from "../types";
import { audit } from "../users/audit";
import { grantConfiguredAdmin, grantDefaultRole } from "../users/bootstrap";
import { isValidEmail, normalizeEmail } from "../users/email-address";
import { afterFirstFactor, type MfaMethod } from "../mfa/gate";
import { assertSignInAllowed } from "../users/throttle";
import type { Flow } from "./flow-cookie";
import type { Person } from "./person";

export type Outcome = { type: "signed_in" } | { type: "mfa_required"; methods: MfaMethod[] } | { type: "linked" } | { type: "refused"; code: ErrorCode; reason: string };

const refused = (code: ErrorCode, reason: string): Outcome => ({ type: "refused", code, reason });

/**
 * The policy around a proven provider identity. Sign-in: a linked identity signs in its
 * user; a new identity with a verified address no account uses makes a verified account;
 * an address an account already uses is never linked automatically (its owner signs in and
 * links from the account page); an unverified address verifies nothing and makes nothing.
 * Link: the identity joins the account signed in when the flow began, whatever its address.
 */
export async function completeFlow(c: Context<AppEnv>, provider: string, person: Person, flow: Flow): Promise<Outcome> {
  const identity = await findIdentity(c.env.DB, provider, person.subject);
  if (flow.intent === "link") return link(c, provider, person, flow, identity?.user_id ?? null);
  if (identity !== null) {
    const user = await findUserById(c.env.DB, identity.user_id);
    if (user === null) return refused("OAUTH_FAILED", "no_user");
    await touchIdentity(c.env.DB, provider, person.subject, nowSeconds());
    return finish(c, user, provider, flow, false);
  }
  const email = person.email === null ? null : normalizeEmail(person.email);
  if (email === null || !person.emailVerified || !isValidEmail(email)) return refused("OAUTH_EMAIL_UNVERIFIED", "email_unverified");
  if ((await findUserByEmail(c.env.DB, email)) !== null) return refused("OAUTH_EMAIL_IN_USE", "email_in_use");
  const user = await createUserWithIdentity(
    c.env.DB,
    { id: crypto.randomUUID(), email, name: person.name },
    { provider, subject: person.subject, email },
    nowSeconds(),
  );
  if (user === null) return refused("OAUTH_EMAIL_IN_USE", "email_in_use");
  await grantDefaultRole(c.env, user.id);
  return finish(c, user, provider, flow, true);
}

/** Disabled users, a locked budget and a credential change in flight all end without a session. */
async function finish(c: Context<AppEnv>, user: UserRow, provider: string, flow: Flow, created: boolean): Promise<Outcome> {
  if (user.disabled_at !== null) return refused("ACCOUNT_DISABLED", "disabled");
  let device: string | null;
  try {
    device = await assertSignInAllowed(c, user);
  } catch (error) {
    if (error instanceof HttpProblem) return refused(error.code, "locked");
    throw error;
  }
  await grantConfiguredAdmin(c, user);
  // The epoch read with the user above: a password change or disable that landed since wins.
  const outcome = await afterFirstFactor(c, user, { device, via: provider, returnTo: flow.returnTo });
  if (outcome.type === "stale") return refused("OAUTH_FAILED", "stale_epoch");
  if (outcome.type === "mfa_required") {
    await audit(c, "auth.mfa.challenged", { actorId: null, target: user.id, detail: { provider } });
    return { type: "mfa_required", methods: outcome.methods };
  }
  await audit(c, "auth.login.succeeded", { actorId: user.id, target: user.id, detail: { sessionId: outcome.session.id, provider, accountCreated: created } });
  return { type: "signed_in" };
}

async function link(c: Context<AppEnv>, provider: string, person: Person, flow: Flow, linkedTo: string | null): Promise<Outcome> {
  const token = readSessionToken(c.req.raw);
  const session = token === null ? null : await loadSessionOfToken(token, c.env.SESSION, { strict: true });
  // Only the account that started the link, still signed in here, receives the identity.
  if (session === null || session.userId !== flow.userId) return refused("UNAUTHENTICATED", "no_session");
  c.set("session", session);
  if (linkedTo === session.userId) return { type: "linked" };
  if (linkedTo !== null) return refused("IDENTITY_IN_USE", "linked_elsewhere");
  const email = person.emailVerified && person.email !== null ? normalizeEmail(person.email) : null;
  if (!(await linkIdentity(c.env.DB, { provider, subject: person.subject, userId: session.userId, email }, nowSeconds()))) {
    return refused("IDENTITY_IN_USE", "provider_taken");
  }
  await audit(c, "identity.linked", { target: session.userId, detail: { provider } });
  return { type: "linked" };
}
