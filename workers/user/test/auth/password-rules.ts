import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import app from "../../src/index";
import { isBreached, RANGE_API } from "../../src/password/breached";
import { call, ORIGIN, problemOf, register, uniqueEmail } from "../helpers";

afterEach(() => vi.restoreAllMocks());

async function sha1(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("").toUpperCase();
}

describe("common and guessable passwords (ASVS 2.1.7)", () => {
  it.each(["qwerty123456", "QWERTY123456", "1qaz2wsx3edc", "LeaveMeAlone"])("refuses %s, a common password", async (password) => {
    const res = await register(uniqueEmail(), password);
    expect(res.status).toBe(400);
    const problem = await problemOf(res);
    expect(problem.code).toBe("WEAK_PASSWORD");
    expect(problem.errors?.[0]?.path).toBe("password");
  });

  it("refuses the email address, or its local part, as the password", async () => {
    const email = uniqueEmail("longlocalpart");
    expect((await problemOf(await register(email, email.toUpperCase()))).code).toBe("WEAK_PASSWORD");
    expect((await problemOf(await register(email, email.split("@")[0]))).code).toBe("WEAK_PASSWORD");
  });

  it("applies the same rules to reset and change", async () => {
    const res = await call("POST", "/api/auth/reset-password", { body: { token: "x".repeat(43), password: "qwerty123456" } });
    // The token is checked first, so a stranger learns nothing about the list.
    expect((await problemOf(res)).code).toBe("INVALID_TOKEN");
  });

  it("seeds thousands of entries", async () => {
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM common_passwords").first<{ n: number }>();
    expect(row!.n).toBeGreaterThan(10_000);
  });
});

describe("breached passwords, k-anonymity (ASVS 2.1.7)", () => {
  it("sends only a 5-character prefix, asks for padding, and finds a listed suffix", async () => {
    const hash = await sha1("a password from a breach");
    const seen: Request[] = [];
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Request(input, init));
      return new Response(`0018A45C4D1DEF81644B54AB7F969B88D65:0\r\n${hash.slice(5)}:42\r\n`);
    }) as typeof fetch;
    expect(await isBreached("a password from a breach", fetcher)).toBe(true);
    expect(seen[0]!.url).toBe(`${RANGE_API}${hash.slice(0, 5)}`);
    expect(seen[0]!.headers.get("add-padding")).toBe("true");
  });

  it("ignores padding entries (count 0)", async () => {
    const hash = await sha1("padded only");
    const fetcher = (async () => new Response(`${hash.slice(5)}:0\n`)) as typeof fetch;
    expect(await isBreached("padded only", fetcher)).toBe(false);
  });

  it.each([
    ["a network failure", async () => { throw new TypeError("network"); }],
    ["a 503", async () => new Response("down", { status: 503 })],
  ])("returns null (let it through) on %s", async (_, impl) => {
    expect(await isBreached("whatever it is", impl as typeof fetch)).toBeNull();
  });

  it("refuses a breached password at registration when the check is on, and never blocks when the service is down", async () => {
    const on = { ...env, BREACHED_PASSWORD_CHECK: "on" };
    const post = (password: string) =>
      app.fetch(
        new Request(`${ORIGIN}/api/auth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: uniqueEmail(), password }) }),
        on,
        createExecutionContext(),
      );
    const breached = await sha1("breached but long enough");
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => new Response(`${breached.slice(5)}:7\n`));
    expect((await problemOf(await post("breached but long enough"))).code).toBe("WEAK_PASSWORD");
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => {
      throw new TypeError("unreachable");
    });
    expect((await post("fine while the service is down")).status).toBe(202);
  });
});
