import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../src/index";
import { getConfig } from "../../src/config";
import { ORIGIN, uniqueEmail } from "../helpers";

/** The vars as wrangler.jsonc ships them: what a Worker deployed without the local stack's marker gets. */
const shipped = { ...env, ENVIRONMENT: "production", RATE_LIMIT_IP: "off" } as Env;
const unmarked = { ...env, ENVIRONMENT: undefined, RATE_LIMIT_IP: "off" } as unknown as Env;

async function fetchWith(vars: Env, path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}${path}`, init), vars, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

let client = 0;

describe("local-only behaviour fails closed", () => {
  it.each([
    ["as wrangler.jsonc ships it", shipped],
    ["with no ENVIRONMENT at all", unmarked],
    ["with an unknown value", { ...env, ENVIRONMENT: "Local " } as Env],
  ])("%s: the dev outbox and upkeep answer 404 and RATE_LIMIT_IP=off is ignored", async (_, vars) => {
    expect((await fetchWith(vars, "/api/dev/outbox")).status).toBe(404);
    expect((await fetchWith(vars, "/api/dev/upkeep", { method: "POST" })).status).toBe(404);
    expect(getConfig(vars)).toMatchObject({ local: false, ipRateLimit: true });
    const statuses: number[] = [];
    const ip = `203.0.113.${++client}`;
    for (let i = 0; i < 32; i++) {
      const res = await fetchWith(vars, "/api/auth/forgot-password", {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": ip },
        body: JSON.stringify({ email: uniqueEmail() }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(30).fill(202), 429, 429]);
  });

  it("the local stack's marker, and only it, turns them on", async () => {
    expect(getConfig(env)).toMatchObject({ local: true, ipRateLimit: false });
    expect((await fetchWith(env, "/api/dev/outbox")).status).toBe(200);
    const upkeep = await fetchWith(env, "/api/dev/upkeep", { method: "POST" });
    expect([upkeep.status, Object.keys(((await upkeep.json()) as { deleted: object }).deleted)]).toEqual([200, expect.arrayContaining(["sessions", "audit-log"])]);
  });
});
