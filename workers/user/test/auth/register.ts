import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, latestToken, login, outbox, PASSWORD, problemOf, register, uniqueEmail, verifiedUser } from "../helpers";

const userRow = (email: string) => env.DB.prepare("SELECT * FROM users WHERE email = ?").bind(email).first<Record<string, unknown>>();

describe("POST /api/auth/register", () => {
  it("answers 202 and emails a verification link built on APP_URL", async () => {
    const email = uniqueEmail();
    const res = await call("POST", "/api/auth/register", { body: { email, password: PASSWORD }, headers: { host: "evil.example" } });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "verification_sent" });
    const [message] = await outbox(email);
    expect(message?.subject).toBe("Confirm your email address");
    expect(message?.text).toMatch(/^http:\/\/127\.0\.0\.1:8787\/verify\?token=[A-Za-z0-9_-]{43}$/m);
    expect(message?.html).toContain("http://127.0.0.1:8787/verify?token=");
    // Signed with APP_NAME (wrangler.jsonc), in text and HTML.
    expect(message?.text).toMatch(/\n— workers-users\n$/);
    expect(message?.html).toContain("— workers-users</p></body>");
  });

  it("answers an existing verified address the same way and sends a notice instead of a link", async () => {
    const email = await verifiedUser();
    const before = (await outbox(email)).length;
    const res = await register(email, "another password entirely");
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: "verification_sent" });
    const messages = await outbox(email);
    expect(messages.length).toBe(before + 1);
    expect(messages[0]?.subject).toBe("You already have an account");
    expect(messages[0]?.text).not.toContain("token=");
    // The existing password still works: registration never changes a verified account.
    await login(email);
  });

  it("re-registering an unverified address replaces the password and retires the older link", async () => {
    const email = uniqueEmail();
    await register(email, "first password here");
    const first = await latestToken(email, "verify");
    await register(email, "second password here");
    const second = await latestToken(email, "verify");
    expect(second).not.toBe(first);
    expect((await call("POST", "/api/auth/verify-email", { body: { token: first, password: "first password here" } })).status).toBe(400);
    expect((await call("POST", "/api/auth/verify-email", { body: { token: second, password: "first password here" } })).status).toBe(401);
    expect((await call("POST", "/api/auth/verify-email", { body: { token: second, password: "second password here" } })).status).toBe(200);
    await login(email, "second password here");
    const wrong = await call("POST", "/api/auth/login", { body: { email, password: "first password here" } });
    expect(wrong.status).toBe(401);
  });

  it("treats case, whitespace and compatibility variants of an address as one account", async () => {
    const email = uniqueEmail();
    await register(email);
    await register(`  ${email.toUpperCase().replace("@", "＠")}  `);
    const { results } = await env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(email).all();
    expect(results).toHaveLength(1);
  });

  it("creates exactly one account under concurrent registrations of one address", async () => {
    const email = uniqueEmail();
    const answers = await Promise.all(Array.from({ length: 5 }, () => register(email)));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    const { results } = await env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(email).all();
    expect(results).toHaveLength(1);
  });

  it("ignores fields a caller may not set", async () => {
    const email = uniqueEmail();
    await call("POST", "/api/auth/register", {
      body: { email, password: PASSWORD, emailVerified: true, email_verified_at: 1, roles: ["admin"], id: "chosen" },
    });
    const row = await userRow(email);
    expect(row?.email_verified_at).toBeNull();
    expect(row?.id).not.toBe("chosen");
  });

  it.each([
    ["an 11-character password", { password: "a".repeat(11) }, "password"],
    ["a 129-character password", { password: "a".repeat(129) }, "password"],
    ["an invalid email", { email: "not-an-email" }, "email"],
    ["a missing email", { email: undefined }, "email"],
    ["a number as password", { password: 123456789012 }, "password"],
  ])("rejects %s with 400 VALIDATION_FAILED naming the field", async (_, override, field) => {
    const res = await call("POST", "/api/auth/register", { body: { email: uniqueEmail(), password: PASSWORD, ...override } });
    expect(res.status).toBe(400);
    const problem = await problemOf(res);
    expect(problem.code).toBe("VALIDATION_FAILED");
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });

  it("accepts 12 and 128 characters, counted in code points (emoji count once)", async () => {
    expect((await register(uniqueEmail(), "a".repeat(12))).status).toBe(202);
    expect((await register(uniqueEmail(), "a".repeat(128))).status).toBe(202);
    expect((await register(uniqueEmail(), "😀".repeat(12))).status).toBe(202);
    expect((await register(uniqueEmail(), "😀".repeat(11))).status).toBe(400);
  });

  it("stores an Argon2id PHC string, never the password", async () => {
    const email = uniqueEmail();
    await register(email);
    const row = await userRow(email);
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
  });
});
