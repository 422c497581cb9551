import { describe, expect, inject, it } from "vitest";
import { apiFor } from "./lib/http";
import { newMember } from "./lib/users";

const base = inject("stacks").main;
const api = apiFor(base);
const PAGES = ["/", "/login", "/register", "/verify", "/reset", "/forgot", "/account", "/check-email", "/mailbox", "/admin/", "/no-such-page"];
const TOKEN_PAGES = ["/verify?token=abc", "/reset?token=abc", "/confirm-email?token=abc", "/verify.html?token=abc", "/reset/?token=abc"];

/** A directive of a CSP header, as its list of sources. */
function directive(csp: string, name: string): string[] | undefined {
  const entry = csp.split(";").map((d) => d.trim().split(/\s+/)).find(([key]) => key === name);
  return entry?.slice(1);
}

async function apiResponses(): Promise<Array<[string, Response]>> {
  const member = await newMember(base);
  return [
    ["GET /api/health", await api("GET", "/api/health")],
    ["GET /api/auth/session", await api("GET", "/api/auth/session", { cookie: member.cookie })],
    ["401", await api("GET", "/api/auth/session")],
    ["404", await api("GET", "/api/no-such-route")],
    ["400", await api("POST", "/api/auth/login", { body: "{" })],
    ["204", await api("POST", "/api/auth/logout", { cookie: member.cookie })],
  ];
}

describe("security headers", () => {
  it("V14.4.3 V14.4.4 V14.4.6 V14.4.7 V14.4.1 every page: strict CSP without inline script, nosniff, framing refused, a referrer policy, a charset", async () => {
    for (const path of PAGES) {
      const res = await api("GET", path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(directive(csp, "script-src") ?? directive(csp, "default-src"), path).toEqual(["'self'"]);
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(directive(csp, "frame-ancestors"), path).toEqual(["'none'"]);
      expect(directive(csp, "object-src"), path).toEqual(["'none'"]);
      expect(directive(csp, "base-uri"), path).toEqual(["'none'"]);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(["no-referrer", "same-origin", "strict-origin-when-cross-origin"], path).toContain(res.headers.get("referrer-policy"));
      expect(res.headers.get("content-type"), path).toMatch(/^text\/html; charset=utf-8$/i);
    }
  });

  it("V14.4.6 V3.1.1 pages whose address carries a token send no referrer at all", async () => {
    for (const path of TOKEN_PAGES) {
      const res = await api("GET", path);
      // `/verify.html` redirects to its clean URL: the redirect carries the token too.
      expect([200, 307, 308], path).toContain(res.status);
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
  });

  it("V14.4.3 V14.4.4 V14.4.7 V8.2.1 every API answer, errors included: deny-all CSP, nosniff, not cacheable", async () => {
    for (const [what, res] of await apiResponses()) {
      expect(res.headers.get("content-security-policy"), what).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
      expect(res.headers.get("cache-control"), what).toBe("no-store");
      if (res.status !== 204) expect(res.headers.get("content-type"), what).toMatch(/^application\/(problem\+)?json/);
    }
  });

  it("V14.4.2 every API answer is marked as a download, never rendered in place", async () => {
    for (const [what, res] of await apiResponses()) {
      expect(res.headers.get("content-disposition"), what).toMatch(/^attachment; filename="[\w.-]+\.json"$/);
    }
  });

  it("V14.4.5 HSTS on every response that came over https, pages and API alike", async () => {
    for (const path of ["/login", "/api/health", "/no-such-page", "/api/no-such-route"]) {
      // Miniflare takes the request URL from MF-Original-URL, as its dispatchFetch does.
      const https = await api("GET", path, { headers: { "mf-original-url": `https://users.example.com${path}` } });
      expect(https.headers.get("strict-transport-security"), path).toMatch(/^max-age=(\d+); includeSubDomains/);
      expect(Number(/max-age=(\d+)/.exec(https.headers.get("strict-transport-security")!)![1])).toBeGreaterThanOrEqual(15_724_800);
    }
    // The gateway's answers add it over https only. Static files carry their _headers value
    // whatever the scheme: Pages serves them over https only, and browsers ignore HSTS
    // received over plain http (RFC 6797 8.1).
    for (const path of ["/api/health", "/api/no-such-route", "/example/notes"]) {
      expect((await api("GET", path)).headers.get("strict-transport-security"), path).toBeNull();
    }
  });

  it("V14.3.3 no response names the software or its version", async () => {
    for (const path of ["/", "/api/health", "/api/no-such-route", "/no-such-page"]) {
      const res = await api("GET", path);
      expect(res.headers.get("x-powered-by"), path).toBeNull();
      expect(res.headers.get("server") ?? "", path).not.toMatch(/\d/);
      expect(await res.text(), path).not.toMatch(/hono|workerd|miniflare|wrangler/i);
    }
  });
});
