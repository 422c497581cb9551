/**
 * What the session-check runs need before they start: the floor's copies of
 * the real session records, app data in some sessions, and a check that the
 * variant answers exactly what the real paths answer.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions as workerOptionsFrom } from "wrangler";
import { ROOT } from "../build";
import { REFERENCE } from "./reference-workers";
import { SESSION_COOKIE, type Account } from "./seed";

const sessionKey = (token: string) => `session:${createHash("sha256").update(token).digest("base64url")}`;

/** Copies each account's real session record under `floor:<token>`; answers the records' sizes. */
export async function seedFloor(miniflare: Miniflare, accounts: Account[]): Promise<{ min: number; max: number }> {
  const kv = await miniflare.getKVNamespace("SESSIONS", "workers-users-session");
  const sizes: number[] = [];
  for (const { token } of accounts) {
    const record = await kv.get(sessionKey(token), "text");
    if (record === null) throw new Error("a seeded session has no KV record");
    await kv.put(`floor:${token}`, record);
    sizes.push(new TextEncoder().encode(record).byteLength);
  }
  return { min: Math.min(...sizes), max: Math.max(...sizes) };
}

/** App data of about `bytes` serialised (the limit is 16 KiB), stored through the API. */
export async function seedSessionData(url: string, accounts: Account[], bytes: number): Promise<number> {
  const data: Record<string, string> = {};
  for (let i = 0; JSON.stringify(data).length < bytes - 100; i++) data[`item${i}`] = "x".repeat(80);
  for (const { token } of accounts) {
    const res = await fetch(`${url}/api/session/data`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", Origin: url, Cookie: `${SESSION_COOKIE}=${token}` },
      body: JSON.stringify({ data }),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`PUT /api/session/data answered ${res.status}: ${body.slice(0, 200)}`);
  }
  return new TextEncoder().encode(JSON.stringify(data)).byteLength;
}

/** A token for each account (the token-verifying scenario's credentials), issued through the API. */
export async function issueTokens(url: string, accounts: Account[]): Promise<void> {
  for (const account of accounts) {
    const res = await fetch(`${url}/api/auth/token`, { method: "POST", headers: { Origin: url, Cookie: `${SESSION_COOKIE}=${account.token}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`POST /api/auth/token answered ${res.status}: ${body.slice(0, 200)}`);
    account.accessToken = (JSON.parse(body) as { accessToken: string }).accessToken;
  }
}

/** The variant and the gateway copy must answer exactly what the real paths answer, or their numbers mean nothing. */
export async function assertSameAnswers(url: string, tokens: string[]): Promise<void> {
  const answer = async (token: string, worker?: string) => {
    const res = await fetch(`${url}/api/auth/session`, { headers: { Cookie: `${SESSION_COOKIE}=${token}`, ...(worker && { "MF-Route-Override": worker }) } });
    return `${res.status} ${await res.text()}`;
  };
  for (const token of tokens) {
    const real = await answer(token);
    const others = [await answer(token, "workers-users-user"), await answer(token, REFERENCE.variant), await answer(token, REFERENCE.gateway)];
    if (!real.startsWith("200 ") || others.some((other) => other !== real)) {
      throw new Error(`the session check answers differ:\n  real ${real}\n  ${others.join("\n  ")}`);
    }
  }
}

/** The session Worker's touch interval (seconds), from its wrangler.jsonc. */
export function touchInterval(): number {
  const { bindings } = workerOptionsFrom(join(ROOT, "workers/session/wrangler.jsonc")).workerOptions;
  return Number((bindings as Record<string, unknown> | undefined)?.SESSION_TOUCH_INTERVAL ?? 300);
}
