import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { buildDir, layout } from "../../scripts/build";
import { bundleSizes } from "../../scripts/bench/bundles";
import { send } from "./lib/http";
import { lintOpenApi, readablePointer } from "./lib/openapi-lint";

const base = inject("stacks").main;
const get = (path: string) => send(base, "GET", path, {});

// Spelled the way scanners spell them; sent byte for byte (no client-side normalisation).
const SECRET_PATHS = [
  "/_worker.js", "/%5Fworker.js", "/%5fworker.js", "/%255Fworker.js", "/_worker.js%00", "/_worker.js.", "/_worker.js/",
  "/./_worker.js", "//_worker.js", "/assets/../_worker.js", "/assets/%2e%2e/_worker.js", "/assets/..%2f_worker.js",
  "/assets/%2e%2e%2f_worker.js", "/api/../_worker.js", "/_routes.json", "/_headers", "/_redirects",
  "/package.json", "/package-lock.json", "/wrangler.jsonc", "/wrangler.toml", "/tsconfig.json", "/Pulumi.yaml",
  "/.git/config", "/.git/HEAD", "/%2egit/config", "/.env", "/%2Eenv", "/.dev.vars", "/.wrangler/state/v3",
  "/src/", "/src/worker.ts", "/site/src/worker.ts", "/workers/user/src/index.ts", "/workers/user/wrangler.jsonc",
  "/migrations/0001_create_users.sql", "/dist/", "/node_modules/", "/scripts/build.ts",
  "/index.html.bak", "/login.html~", "/.DS_Store", "/assets/.hidden", "/assets/login.js.map",
  "/..%2f..%2fetc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
];

// What a leaked file would contain: worker source, package metadata, config, git internals.
const LEAK = /export default|addEventListener|"dependencies"|compatibility_date|\[core\]|ref: refs|CREATE TABLE|root:x:0|sourceMappingURL|"mappings"/;

describe("no source, config or listing is served", () => {
  it("V12.5.1 V14.3.2 no source, config, dot- or underscore-file is served, however the path is spelled", async () => {
    for (const path of SECRET_PATHS) {
      const res = await get(path);
      const body = await res.text();
      expect(res.status, path).toBeGreaterThanOrEqual(300);
      expect(res.status, path).toBeLessThan(500);
      expect(body, path).not.toMatch(LEAK);
    }
  });

  it("V4.3.2 folders are never listed", async () => {
    for (const path of ["/assets/", "/assets", "/admin/../assets/", "/api/", "/api"]) {
      const res = await get(path);
      const body = await res.text();
      expect(res.status, path).not.toBe(200);
      // A listing would name the files inside: the bundles of other pages, at least.
      expect(body, path).not.toMatch(/login\.js|account\.js|admin\.css|Index of/);
    }
  });

  it("V14.4.3 pages carry no inline script or event handler for the CSP to forgive", async () => {
    for (const path of ["/", "/login", "/register", "/verify", "/reset", "/forgot", "/account", "/mailbox", "/admin/"]) {
      const html = await (await get(path)).text();
      for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) expect(tag, path).toMatch(/\bsrc="\/assets\//);
      expect(html, path).not.toMatch(/<script\b[^>]*>\s*[^<\s]/i);
      expect(html, path).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html, path).not.toMatch(/javascript:/i);
    }
  });
});

describe("what each Worker ships", () => {
  // The build these stacks run (npm test's own folder).
  const built = layout(buildDir("test"));

  it("every Worker script is at most 100 KB gzip without its .wasm (issue budget: startup time)", async () => {
    const sizes = await bundleSizes(built);
    expect(sizes.map((size) => size.worker)).toEqual(expect.arrayContaining(["session", "user", "example", "passkeys"]));
    for (const size of sizes) expect(size.scriptGzipBytes, size.worker).toBeLessThanOrEqual(100_000);
  });

  it("the OpenAPI generator and the document stay out of the user Worker: the document is a file of the site, made at build time", async () => {
    const script = await readFile(built.user.main, "utf8");
    // Names the generator's code carries whatever the minifier does (keepNames keeps class names).
    // Matched as booleans: a failure must not print the whole bundle.
    expect(/OpenApiGeneratorV3|OpenAPIRegistry|extendZodWithOpenApi/.test(script)).toBe(false);
    expect(/openapi:"3\.1\.0"/.test(script)).toBe(false);
    const document = JSON.parse(await readFile(join(built.site.dir, "api", "openapi.json"), "utf8")) as { openapi: string };
    expect(document.openapi).toBe("3.1.0");
  });

  it("the routes' documentation (summaries, descriptions, responses) is in the document, not in the user Worker", async () => {
    const script = await readFile(built.user.main, "utf8");
    const document = await readFile(join(built.site.dir, "api", "openapi.json"), "utf8");
    // The login route's description, a response's prose and an operation id: doc-only fields.
    for (const text of ["each further attempt waits 2, 4, 8, 16, 32 s", "INVALID_CREDENTIALS: unknown email and wrong password look the same", "verifySecondFactor"]) {
      expect(document.includes(text), text).toBe(true);
      expect(script.includes(text), text).toBe(false);
    }
  });
});

describe("the OpenAPI document clients are generated from", () => {
  // Public reads that take no input and no session: nothing a client sends makes them fail,
  // so they document no 4XX rather than an invented one. Each must still need its exception.
  const NO_CLIENT_ERROR = ["GET /api/health", "GET /api/auth/oauth/providers", "GET /.well-known/jwks.json", "GET /.well-known/openid-configuration"];

  it("the served /api/openapi.json passes Redocly's recommended lint with no error and no warning", async () => {
    const res = await get("/api/openapi.json");
    expect(res.status).toBe(200);
    const found = (await lintOpenApi(await res.text())).map((p) => ({ ...p, where: readablePointer(p.where) }));
    const excused = (p: (typeof found)[number]) => p.rule === "operation-4xx-response" && NO_CLIENT_ERROR.includes(p.where.replace(/ responses$/, ""));
    // A new route that fails here: give it an `operationId` (createRoute's type asks for it) and a
    // 4XX response; the session cookie, 400/401/403/413/415 and `default` are derived (openapi/operation.ts).
    expect(found.filter((p) => !excused(p)).map((p) => `${p.severity} ${p.rule}: ${p.where}: ${p.message}`)).toEqual([]);
    expect(found.filter(excused).map((p) => p.where.replace(/ responses$/, "")).sort()).toEqual([...NO_CLIENT_ERROR].sort());
  });
});
