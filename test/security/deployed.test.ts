import { describe, expect, inject, it } from "vitest";
import { apiFor } from "./lib/http";
import { uniqueEmail } from "./lib/users";

// A stack whose user Worker runs with the vars its wrangler.jsonc ships and RATE_LIMIT_IP=off,
// without the local stack's marker: as if deployed with `wrangler deploy` alone.
const base = inject("stacks").deployed;
const api = apiFor(base);

describe("local-only behaviour fails closed in the deployed configuration", () => {
  it("V14.1.3 the dev outbox answers 404, even for an address that was just mailed", async () => {
    const email = uniqueEmail("deployed");
    expect((await api("POST", "/api/auth/register", { body: { email, password: "a long enough passphrase" } })).status).toBe(202);
    expect((await api("GET", `/api/dev/outbox?to=${encodeURIComponent(email)}`)).status).toBe(404);
    expect((await api("GET", "/api/dev/outbox")).status).toBe(404);
  });

  it("V11.1.4 RATE_LIMIT_IP=off is ignored: 30 requests a minute per address and route group, then 429", async () => {
    const headers = { "cf-connecting-ip": "198.51.100.77" };
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await api("POST", "/api/auth/forgot-password", { body: { email: uniqueEmail() }, headers })).status);
    expect(statuses).toEqual([...Array(30).fill(202), 429]);
  });
});
