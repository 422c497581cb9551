import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it, vi } from "vitest";
import app from "../src/index";
import { onError } from "../src/http/errors";
import { securityHeaders } from "../src/http/security-headers";
import { CROSS_SITE_HEADERS } from "../../shared/test/support/worker-requests";
import { call, login, ORIGIN, problemOf, uniqueEmail, verifiedUser } from "./helpers";
import { liveDocument } from "./openapi-operations";

const registerBody = () => ({ email: uniqueEmail(), password: "correct horse battery staple" });

describe("CSRF: state-changing requests must come from this origin", () => {
  it.each(CROSS_SITE_HEADERS)("refuses %j with 403 CROSS_SITE_REQUEST", async (headers) => {
    const res = await call("POST", "/api/auth/register", { body: registerBody(), headers });
    expect(res.status).toBe(403);
    expect((await problemOf(res)).code).toBe("CROSS_SITE_REQUEST");
  });

  it("refuses a cross-site logout, which would otherwise end the victim's session", async () => {
    const cookie = await login(await verifiedUser());
    const res = await call("POST", "/api/auth/logout", { cookie, headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect((await call("GET", "/api/auth/session", { cookie })).status).toBe(200);
  });

  it("accepts same-origin requests and clients that send neither header", async () => {
    const same = await call("POST", "/api/auth/register", { body: registerBody(), headers: { origin: ORIGIN, "sec-fetch-site": "same-origin" } });
    expect(same.status).toBe(202);
    expect((await call("POST", "/api/auth/register", { body: registerBody() })).status).toBe(202);
  });

  it("lets cross-site GETs through: they change nothing", async () => {
    const res = await call("GET", "/api/health", { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("bodies are JSON, bounded and well-formed", () => {
  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])("refuses %s with 415", async (type) => {
    const res = await call("POST", "/api/auth/login", { body: "email=a@b.co&password=x", headers: { "content-type": type } });
    expect(res.status).toBe(415);
    expect((await problemOf(res)).code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("refuses malformed JSON with 400 INVALID_JSON", async () => {
    const res = await call("POST", "/api/auth/login", { body: '{"email": ' });
    expect((await problemOf(res)).code).toBe("INVALID_JSON");
  });

  it("refuses JSON nested deeper than 32 levels", async () => {
    const deep = `${"[".repeat(40)}${"]".repeat(40)}`;
    const res = await call("POST", "/api/auth/login", { body: `{"email":${deep}}` });
    expect((await problemOf(res)).code).toBe("INVALID_JSON");
  });

  it("refuses a body over 64 KiB with 413, and accepts one just under", async () => {
    const pad = (bytes: number) => JSON.stringify({ ...registerBody(), pad: "x".repeat(bytes) });
    const over = await call("POST", "/api/auth/register", { body: pad(64 * 1024) });
    expect(over.status).toBe(413);
    expect((await problemOf(over)).code).toBe("PAYLOAD_TOO_LARGE");
    expect((await call("POST", "/api/auth/register", { body: pad(60 * 1024) })).status).toBe(202);
  });

  it("refuses a JSON array or scalar body with 400", async () => {
    expect((await call("POST", "/api/auth/login", { body: "[]" })).status).toBe(400);
    expect((await call("POST", "/api/auth/login", { body: '"x"' })).status).toBe(400);
  });
});

describe("errors and documents", () => {
  it("answers unknown routes with 404 problem+json", async () => {
    const res = await call("GET", "/api/nope");
    expect(res.status).toBe(404);
    expect((await problemOf(res)).code).toBe("NOT_FOUND");
  });

  it("renders a bug as a bare 500 that echoes nothing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await onError(new TypeError("cannot read secretField of undefined"), {} as never);
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret");
    expect(JSON.parse(text)).toMatchObject({ code: "INTERNAL_ERROR", status: 500 });
  });

  it("fails closed with 503 when storage errors, echoing nothing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await onError(new Error("D1_ERROR: no such table: secret_layout"), {} as never);
    log.mockRestore();
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).not.toContain("secret");
    expect(JSON.parse(text)).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
  });

  it("describes its routes in an OpenAPI 3.1 document (a static file of the site, not a route here)", async () => {
    expect((await call("GET", "/api/openapi.json")).status).toBe(404);
    const doc = liveDocument();
    expect(doc.openapi).toBe("3.1.0");
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes).toEqual(
      expect.arrayContaining([
        "GET /api/health",
        "POST /api/auth/register",
        "POST /api/auth/verify-email",
        "POST /api/auth/login",
        "POST /api/auth/logout",
        "POST /api/auth/logout-all",
        "GET /api/auth/session",
        "POST /api/auth/forgot-password",
        "POST /api/auth/reset-password",
        "POST /api/auth/change-password",
        "GET /api/session/data",
        "PUT /api/session/data",
        "PATCH /api/session/data",
        "GET /api/account/sessions",
        "DELETE /api/account/sessions/{id}",
        "PATCH /api/account",
        "DELETE /api/account",
        "GET /api/dev/outbox",
      ]),
    );
  });

  it("hides the dev outbox outside the local environment", async () => {
    const res = await app.fetch(new Request(`${ORIGIN}/api/dev/outbox`), { ...env, ENVIRONMENT: "production" }, createExecutionContext());
    expect(res.status).toBe(404);
  });

  it("marks API answers no-store", async () => {
    expect((await call("GET", "/api/health")).headers.get("cache-control")).toBe("no-store");
  });
});

describe("security headers: the Worker sets them itself (a Workers route reaches it without the gateway)", () => {
  const API_HEADERS = {
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "content-disposition": 'attachment; filename="api.json"',
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "permissions-policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
  };
  const headersOf = (res: Response) => Object.fromEntries(Object.keys(API_HEADERS).map((name) => [name, res.headers.get(name)]));

  it("V14.4.1-V14.4.7 on every kind of answer: 200 JSON, problem+json 4xx, 403 cross-site, 404", async () => {
    const answers: Array<[string, Response]> = [
      ["200", await call("GET", "/api/health")],
      ["400", await call("POST", "/api/auth/login", { body: "{" })],
      ["401", await call("GET", "/api/auth/session")],
      ["403", await call("POST", "/api/auth/register", { body: registerBody(), headers: { origin: "https://evil.example" } })],
      ["404", await call("GET", "/api/nope")],
      ["jwks", await call("GET", "/.well-known/jwks.json")],
    ];
    for (const [what, res] of answers) expect(headersOf(res), what).toEqual(API_HEADERS);
  });

  it("V14.4.5 HSTS over https only", async () => {
    const over = (origin: string) => app.fetch(new Request(`${origin}/api/health`), env, createExecutionContext());
    expect((await over("https://users.example.com")).headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect((await over("http://users.example.com")).headers.get("strict-transport-security")).toBeNull();
  });

  it("are set on a response with immutable headers too (Response.redirect's, as fetch()'s)", async () => {
    const passOn = new Hono().use(securityHeaders()).get("/api/x", () => Response.redirect("https://users.example.com/", 302));
    const res = await passOn.request("https://users.example.com/api/x");
    expect(res.status).toBe(302);
    expect(headersOf(res)).toEqual(API_HEADERS);
    expect(res.headers.get("strict-transport-security")).not.toBeNull();
  });
});
