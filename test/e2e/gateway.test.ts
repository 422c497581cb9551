import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

describe("gateway", () => {
  it("serves pages at clean URLs with the page security headers of _headers, without the gateway", async () => {
    const response = await fetch(`${baseUrl}/login`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-security-policy")).toBe(PAGE_CSP);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("permissions-policy")).toContain("camera=()");
    // From _headers, on every static file: Pages serves them over https only.
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("sends no referrer from the pages whose address carries a token", async () => {
    for (const path of ["/verify?token=abc", "/reset?token=abc"]) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  it("forwards /api to the user Worker and marks API responses with the API policy", async () => {
    const health = await fetch(`${baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    expect(health.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(health.headers.get("x-content-type-options")).toBe("nosniff");

    const missing = await fetch(`${baseUrl}/api/no-such-route`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(missing.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("never serves the gateway script or dotfiles, however the path is spelled", async () => {
    for (const path of ["/_worker.js", "/%5Fworker.js", "/%5fworker.js", "/.env", "/%2Eenv", "/assets/.hidden", "/_routes.json"]) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain("fetch");
      expect(response.headers.get("content-security-policy"), path).toBe(PAGE_CSP);
    }
  });

  it("adds Strict-Transport-Security to its own answers only when the request came over https", async () => {
    // Miniflare takes the request URL from MF-Original-URL (as its dispatchFetch does),
    // which lets the suite show the gateway an https request without a certificate.
    const https = await fetch(`${baseUrl}/api/health`, { headers: { "MF-Original-URL": "https://users.example.com/api/health" } });
    expect(https.status).toBe(200);
    expect(https.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect((await fetch(`${baseUrl}/api/health`)).headers.get("strict-transport-security")).toBeNull();
  });
});
