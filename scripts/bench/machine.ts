/** Where and with what the numbers were taken. */
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem, type } from "node:os";
import { join } from "node:path";
import { ROOT } from "../build";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  loadAverage1m: number;
}

export function machine(): Machine {
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}

const PACKAGES = ["workerd", "miniflare", "wrangler", "hono", "@hono/zod-openapi", "zod", "esbuild", "autocannon", "@node-rs/argon2", "@phi-ag/argon2"];

// The user Worker's own copies (zod, @hono/zod-openapi) come first: they are what it bundles.
const SEARCH = ["workers/user", "workers/session", "workers/example", "workers/shared", "."].map((dir) => join(ROOT, dir, "node_modules"));

export function versions(): Record<string, string> {
  const installed = PACKAGES.map((name) => {
    const manifest = SEARCH.map((dir) => join(dir, name, "package.json")).find((path) => existsSync(path));
    return [name, manifest ? (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version : "not installed"];
  });
  return { node: process.version, ...Object.fromEntries(installed) };
}
