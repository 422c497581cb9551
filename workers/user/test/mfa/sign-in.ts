import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sha256 } from "@workers-users/shared";
import { call, PASSWORD, problemOf } from "../helpers";
import { apiOperations } from "../openapi-operations";
import { auditOf, codeAt, cookieSet, fakeClock, firstStep, T0, userWithTotp, verify } from "./support";

afterEach(() => vi.useRealTimers());

const pendingRows = (userId: string) => env.DB.prepare("SELECT count(*) AS n FROM mfa_pending_logins WHERE user_id = ?").bind(userId).first<{ n: number }>();

describe("signing in with a second factor", () => {
  it("a correct password answers {mfaRequired, methods} with only a short-lived, single-purpose cookie: no session", async () => {
    const user = await userWithTotp("first-step");
    const res = await call("POST", "/api/auth/login", { body: { email: user.email, password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ mfaRequired: true, methods: ["totp", "recovery_code"] });
    expect(cookieSet(res, "__Host-session")).toBeNull();
    const pending = cookieSet(res, "__Host-mfa")!;
    for (const attribute of [/HttpOnly/, /Secure/, /SameSite=Lax/, /Path=\//, /Max-Age=300/]) expect(pending.header).toMatch(attribute);
    // Only the token's hash is stored.
    const token = pending.pair.split("=")[1]!;
    const row = await env.DB.prepare("SELECT token_hash FROM mfa_pending_logins WHERE user_id = ?").bind(user.id).first<{ token_hash: string }>();
    expect(row!.token_hash).toBe(await sha256(token));
  });

  it("the pending cookie alone opens nothing: every route that needs a session answers 401", async () => {
    const user = await userWithTotp("pending-only");
    const pending = await firstStep(user.email);
    const opened: string[] = [];
    for (const op of (await apiOperations()).filter((o) => o.guarded)) {
      const res = await call(op.method, op.path.replace(/\{\w+\}/g, user.id), { cookie: pending, body: op.method === "GET" ? undefined : {} });
      if (res.status !== 401) opened.push(`${op.method} ${op.path} → ${res.status}`);
    }
    expect(opened).toEqual([]);
  });

  it("a code completes the sign-in: a session cookie, the pending cookie cleared and its row gone, audited", async () => {
    const user = await userWithTotp("complete");
    const pending = await firstStep(user.email);
    const res = await verify(pending, { code: codeAt(user.secret, Date.now() / 1000 + 30) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { id: user.id, email: user.email }, returnTo: null });
    const session = cookieSet(res, "__Host-session")!.pair;
    expect(cookieSet(res, "__Host-mfa")!.pair).toBe("__Host-mfa=");
    expect((await call("GET", "/api/auth/session", { cookie: session })).status).toBe(200);
    expect((await pendingRows(user.id))!.n).toBe(0);
    const succeeded = (await auditOf(user.id)).filter((e) => e.action === "auth.login.succeeded").at(-1)!;
    expect(JSON.parse(succeeded.detail)).toMatchObject({ secondFactor: "totp" });
  });

  it("a recovery code works once, in any case and with or without its dashes", async () => {
    const user = await userWithTotp("recovery");
    const [first, second] = user.recoveryCodes;
    expect((await verify(await firstStep(user.email), { recoveryCode: first!.toLowerCase().replaceAll("-", "") })).status).toBe(200);
    expect((await problemOf(await verify(await firstStep(user.email), { recoveryCode: first }))).code).toBe("INVALID_MFA_CODE");
    expect((await verify(await firstStep(user.email), { recoveryCode: ` ${second} ` })).status).toBe(200);
    expect(await (await call("GET", "/api/account/mfa", { cookie: user.cookie })).json()).toMatchObject({ recoveryCodesLeft: 8 });
  });

  it("new recovery codes replace the old ones", async () => {
    const user = await userWithTotp("regenerate");
    const res = await call("POST", "/api/account/mfa/recovery-codes", { cookie: user.cookie });
    const { recoveryCodes } = (await res.json()) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes).not.toContain(user.recoveryCodes[0]);
    expect((await problemOf(await verify(await firstStep(user.email), { recoveryCode: user.recoveryCodes[0] }))).code).toBe("INVALID_MFA_CODE");
    expect((await verify(await firstStep(user.email), { recoveryCode: recoveryCodes[0] })).status).toBe(200);
  });

  it("a pending sign-in expires after 5 minutes: the right code then opens nothing", async () => {
    const advance = fakeClock();
    const user = await userWithTotp("expired");
    const pending = await firstStep(user.email);
    advance(301);
    const res = await verify(pending, { code: codeAt(user.secret) });
    expect((await problemOf(res)).code).toBe("SIGN_IN_EXPIRED");
    expect(cookieSet(res, "__Host-session")).toBeNull();
    // With no cookie at all, the same answer.
    expect((await problemOf(await verify("", { code: codeAt(user.secret) }))).code).toBe("SIGN_IN_EXPIRED");
  });

  it("five wrong codes end the pending sign-in; failures are throttled per account like passwords, the right code waiting too", async () => {
    const advance = fakeClock();
    const user = await userWithTotp("throttle");
    const pending = await firstStep(user.email);
    const statuses: string[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await problemOf(await verify(pending, { code: "000000" }))).code);
    expect(statuses).toEqual(Array(5).fill("INVALID_MFA_CODE"));
    // Out of attempts: even the right code cannot finish this one.
    expect((await problemOf(await verify(pending, { code: codeAt(user.secret, T0 + 30) }))).code).toBe("SIGN_IN_EXPIRED");
    // The fifth failure began a wait (4 free, then 2 s): a new first step's right code waits it out.
    const next = await firstStep(user.email);
    const waiting = await verify(next, { code: codeAt(user.secret, T0 + 30) });
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers.get("Retry-After"))).toBeGreaterThan(0);
    advance(3);
    expect((await verify(next, { code: codeAt(user.secret, T0 + 30) })).status).toBe(200);
    expect((await auditOf(user.id)).filter((e) => e.action === "auth.mfa.failed")).toHaveLength(5);
  });

  it("a password change between the two steps wins: the second step signs nobody in", async () => {
    const user = await userWithTotp("epoch");
    const pending = await firstStep(user.email);
    await env.DB.prepare("UPDATE users SET credential_epoch = credential_epoch + 1 WHERE id = ?").bind(user.id).run();
    const res = await verify(pending, { code: codeAt(user.secret, Date.now() / 1000 + 30) });
    expect((await problemOf(res)).code).toBe("SIGN_IN_EXPIRED");
    expect(cookieSet(res, "__Host-session")).toBeNull();
  });

  it("answers tell nothing beyond `methods`: a wrong password is the usual 401, whatever the account has", async () => {
    const user = await userWithTotp("quiet");
    const res = await call("POST", "/api/auth/login", { body: { email: user.email, password: "a wrong password here" } });
    expect((await problemOf(res)).code).toBe("INVALID_CREDENTIALS");
    expect(cookieSet(res, "__Host-mfa")).toBeNull();
  });
});
