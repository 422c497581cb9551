import { env } from "cloudflare:workers";
import { sha256 } from "@workers-users/shared";
import { describe, expect, it } from "vitest";
import { call, latestToken, register, uniqueEmail, verifiedUser } from "../helpers";

/** Every text cell of a table, to look for a token anywhere in it. */
async function dump(table: "email_verifications" | "password_resets" | "audit_log"): Promise<string> {
  const { results } = await env.DB.prepare(`SELECT * FROM ${table}`).all();
  return JSON.stringify(results);
}

describe("emailed tokens at rest (workerd)", () => {
  it("V2.7.5 verification and reset tokens are stored only as their SHA-256", async () => {
    const email = uniqueEmail();
    await register(email);
    const verify = await latestToken(email, "verify");
    const member = await verifiedUser();
    await call("POST", "/api/auth/forgot-password", { body: { email: member } });
    const reset = await latestToken(member, "reset");

    const verifications = await dump("email_verifications");
    const resets = await dump("password_resets");
    expect(verifications).not.toContain(verify);
    expect(verifications).toContain(await sha256(verify));
    expect(resets).not.toContain(reset);
    expect(resets).toContain(await sha256(reset));
    // The audit log never sees a link either; only the outbox (the local mailbox) holds it.
    expect(await dump("audit_log")).not.toContain(reset);
  });
});
