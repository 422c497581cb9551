import { describe, expect, inject, it } from "vitest";
import { apiFor } from "./lib/http";
import { newMember, signInAdmin, strongPassword, uniqueEmail } from "./lib/users";

const base = inject("stacks").main;
const api = apiFor(base);

/** Everything a caller can see of a response, minus the clock. */
async function observable(res: Response): Promise<string> {
  const headers = [...res.headers].filter(([name]) => name !== "date").map(([name, value]) => `${name}: ${value}`);
  return [`${res.status}`, ...headers.sort(), await res.text()].join("\n");
}

/** An account that registered but never clicked its link. */
async function unverified(): Promise<string> {
  const email = uniqueEmail("unverified");
  expect((await api("POST", "/api/auth/register", { body: { email, password: strongPassword() } })).status).toBe(202);
  return email;
}

async function disabled(): Promise<string> {
  const admin = await signInAdmin(base);
  const member = await newMember(base, "disabled");
  expect((await api("PATCH", `/api/admin/users/${member.id}`, { cookie: admin.cookie, body: { disabled: true } })).status).toBe(200);
  return member.email;
}

describe("no enumeration by status, body or headers", () => {
  it("V2.2.1 login: a wrong password for any kind of account answers exactly like an unknown address", async () => {
    const addresses = [(await newMember(base)).email, await unverified(), await disabled(), uniqueEmail("nobody")];
    const answers = [];
    for (const email of addresses) answers.push(await observable(await api("POST", "/api/auth/login", { body: { email, password: strongPassword() } })));
    expect(answers[0]).toMatch(/^401\n/);
    for (const answer of answers.slice(1)) expect(answer).toBe(answers[0]);
  });

  it("V2.2.1 register: an address with a verified or pending account answers exactly like a new one", async () => {
    const addresses = [(await newMember(base)).email, await unverified(), uniqueEmail("new")];
    const answers = [];
    for (const email of addresses) answers.push(await observable(await api("POST", "/api/auth/register", { body: { email, password: strongPassword() } })));
    expect(answers[0]).toMatch(/^202\n/);
    for (const answer of answers.slice(1)) expect(answer).toBe(answers[0]);
  });

  it("V2.5.6 forgot-password: an address with an account answers exactly like an unknown one", async () => {
    const addresses = [(await newMember(base)).email, await unverified(), await disabled(), uniqueEmail("nobody")];
    const answers = [];
    for (const email of addresses) answers.push(await observable(await api("POST", "/api/auth/forgot-password", { body: { email } })));
    expect(answers[0]).toMatch(/^202\n/);
    for (const answer of answers.slice(1)) expect(answer).toBe(answers[0]);
  });

  it("V2.2.1 login tells an unverified account apart only once the password is right", async () => {
    const email = uniqueEmail("pending");
    const password = strongPassword();
    await api("POST", "/api/auth/register", { body: { email, password } });
    const res = await api("POST", "/api/auth/login", { body: { email, password } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe("EMAIL_NOT_VERIFIED");
  });
});
