import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { hash as blake3 } from "blake3-wasm";
import type { PagesAsset } from "./providers/pages-upload";

/** Pages limits for a direct upload (wrangler's defaults): per file and per deployment. */
export const MAX_ASSET_BYTES = 25 * 1024 * 1024;
export const MAX_ASSET_COUNT = 20_000;

/** Files Pages takes as deployment parts, not as assets (wrangler's list). */
export const SPECIAL_FILES = ["_headers", "_redirects", "_routes.json"] as const;
const WORKER_FILE = "_worker.js";
// wrangler's ignore list: these at the root only, the second set at any depth. And
// `.assetsignore`, which only the local stack reads (Miniflare's assets): wrangler would
// publish it as a file (a kept difference of the contract test).
const IGNORED_AT_ROOT = new Set<string>([WORKER_FILE, ...SPECIAL_FILES, "functions", ".wrangler", ".assetsignore"]);
const IGNORED_ANYWHERE = new Set([".DS_Store", "node_modules", ".git"]);

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html",
  ".css": "text/css",
  ".js": "application/javascript",
  ".mjs": "application/javascript",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/vnd.microsoft.icon",
  ".txt": "text/plain",
  ".xml": "application/xml",
  ".webmanifest": "application/manifest+json",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
};

/** What a Pages deployment of one build folder consists of, and one hash over all of it. */
export interface SiteManifest {
  directory: string;
  assets: PagesAsset[];
  /** Present special files (`_headers`, ...) with their sha256. */
  specialFiles: Record<string, string>;
  /** sha256 of `_worker.js`, the advanced-mode gateway, if the build has one. */
  workerSha256: string | undefined;
  contentHash: string;
}

/** wrangler's asset key: blake3 of the base64 content plus the extension, 32 hex digits. */
export function assetKey(bytes: Uint8Array, path: string): string {
  const base64 = Buffer.from(bytes).toString("base64");
  return blake3(base64 + extname(path).slice(1)).toString("hex").slice(0, 32);
}

export function readSiteManifest(directory: string, limits = { bytes: MAX_ASSET_BYTES, count: MAX_ASSET_COUNT }): SiteManifest {
  const assets = walk(directory, directory, limits.bytes).sort((a, b) => a.path.localeCompare(b.path));
  if (assets.length > limits.count) throw new Error(`${directory}: ${assets.length} files, Pages takes at most ${limits.count}`);
  const specialFiles: Record<string, string> = {};
  for (const name of SPECIAL_FILES) {
    const bytes = readIfFile(join(directory, name));
    if (bytes) specialFiles[name] = sha256(bytes);
  }
  const worker = readIfFile(join(directory, WORKER_FILE));
  const workerSha256 = worker ? sha256(worker) : undefined;
  const lines = [...assets.map((a) => `${a.path}\t${a.hash}`), ...Object.entries(specialFiles).map(([n, h]) => `${n}\t${h}`)];
  const contentHash = sha256(Buffer.from([...lines, `${WORKER_FILE}\t${workerSha256 ?? "-"}`].join("\n")));
  return { directory, assets, specialFiles, workerSha256, contentHash };
}

function walk(root: string, dir: string, maxBytes: number): PagesAsset[] {
  const assets: PagesAsset[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    const path = relative(root, full).split(sep).join("/");
    if (IGNORED_AT_ROOT.has(path) || IGNORED_ANYWHERE.has(entry.name) || entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      assets.push(...walk(root, full, maxBytes));
      continue;
    }
    const size = statSync(full).size;
    if (size > maxBytes) throw new Error(`${full}: ${size} bytes, Pages takes files of at most ${maxBytes} bytes`);
    const bytes = readFileSync(full);
    const contentType = CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
    assets.push({ path, hash: assetKey(bytes, path), sha256: sha256(bytes), size, contentType });
  }
  return assets;
}

function readIfFile(path: string): Buffer | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
