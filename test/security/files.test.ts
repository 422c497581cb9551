import { readFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { buildDir, layout } from "../../scripts/build";
import { bundleSizes } from "../../scripts/bench/bundles";
import { send } from "./lib/http";

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
    expect(sizes.map((size) => size.worker)).toEqual(expect.arrayContaining(["session", "user", "example"]));
    for (const size of sizes) expect(size.scriptGzipBytes, size.worker).toBeLessThanOrEqual(100_000);
  });

  it("the OpenAPI generator stays out of the user Worker: the document is made at build time, and the gateway serves it", async () => {
    const script = await readFile(built.user.main, "utf8");
    // Names the generator's code carries whatever the minifier does (keepNames keeps class names).
    expect(script).not.toMatch(/OpenApiGeneratorV3|OpenAPIRegistry|extendZodWithOpenApi/);
    expect(script).not.toMatch(/openapi:"3\.1\.0"/);
    expect(await readFile(built.site.main, "utf8")).toMatch(/openapi:"3\.1\.0"/);
  });
});

