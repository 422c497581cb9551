import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, test } from "vitest";
import { assetKey, readSiteManifest } from "../site-manifest";
import { tempDir } from "./helpers/temp-dir";

function site(files: Record<string, string>): string {
  const dir = tempDir("infra-site-");
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

test("asset keys are wrangler's: blake3 of base64 content plus extension, 32 hex digits", () => {
  // blake3("aGVsbG8=" + "txt"), computed once with the blake3-wasm build wrangler ships.
  expect(assetKey(new TextEncoder().encode("hello"), "a/b.txt")).toBe("f0b3413d4cabb000327fad369003d6a5");
  expect(assetKey(new TextEncoder().encode("hello"), "b.html")).not.toBe(assetKey(new TextEncoder().encode("hello"), "b.txt"));
});

test("leaves out what Pages takes as parts or ignores, at the root and at any depth as wrangler does", () => {
  const dir = site({
    "index.html": "home",
    "_worker.js": "w",
    "_headers": "h",
    "_routes.json": "{}",
    "functions/x.js": "f",
    "docs/_headers": "kept: only the root one is special",
    "img/.DS_Store": "x",
    "node_modules/a.js": "x",
  });
  const manifest = readSiteManifest(dir);
  expect(manifest.assets.map((a) => a.path)).toEqual(["docs/_headers", "index.html"]);
  expect(Object.keys(manifest.specialFiles).sort()).toEqual(["_headers", "_routes.json"]);
  expect(manifest.workerSha256).toMatch(/^[0-9a-f]{64}$/);
  expect(manifest.assets.find((a) => a.path === "index.html")?.contentType).toBe("text/html");
});

test("the content hash moves with any page, special file or the gateway, and only with them", () => {
  const dir = site({ "index.html": "home", "_worker.js": "w", "_redirects": "/a /b" });
  const first = readSiteManifest(dir).contentHash;
  expect(readSiteManifest(dir).contentHash).toBe(first);
  for (const [path, content] of [["index.html", "home!"], ["_redirects", "/a /c"], ["_worker.js", "w2"]]) {
    const before = readSiteManifest(dir).contentHash;
    writeFileSync(join(dir, path!), content!);
    expect(readSiteManifest(dir).contentHash, path).not.toBe(before);
  }
});

test("refuses a file over the Pages size limit and more files than Pages takes", () => {
  const dir = site({ "a.html": "12345", "b.html": "1" });
  expect(() => readSiteManifest(dir, { bytes: 4, count: 10 })).toThrow(/a\.html: 5 bytes, Pages takes files of at most 4 bytes/);
  expect(() => readSiteManifest(dir, { bytes: 100, count: 1 })).toThrow(/2 files, Pages takes at most 1/);
});
