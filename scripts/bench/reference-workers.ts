/**
 * The benchmark's reference Workers (bench/workers/*), bundled like the real
 * ones and added to the local stack's Miniflare, so they share its workerd
 * process, its KV namespace and its D1 database. Also the site's own gateway
 * script a second time, without assets, to tell its cost from Miniflare's
 * asset routing.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as esbuild from "esbuild";
import type { WorkerOptions } from "miniflare";
import { unstable_getMiniflareWorkerOptions as workerOptionsFrom } from "wrangler";
import { outputs, ROOT, workerOptions } from "../build";

export const REFERENCE = {
  bare: "bench-bare",
  floor: "bench-floor",
  floorRoles: "bench-floor-roles",
  variant: "bench-variant",
  /** The variant with a touch interval of 1 s: every session is older than it, so sliding-expiry writes happen. */
  variantTouch: "bench-variant-touch",
  consumer: "bench-consumer",
  tokenVerify: "bench-token-verify",
  /** The site's real gateway script, without the asset routing Miniflare puts in front of the site. */
  gateway: "bench-gateway",
} as const;

const BUNDLED = ["bare", "floor", "floorRoles", "variant", "consumer", "tokenVerify"] as const;
const ENTRY: Record<(typeof BUNDLED)[number], string> = {
  bare: "bare",
  floor: "floor",
  floorRoles: "floor-roles",
  variant: "variant",
  consumer: "consumer",
  tokenVerify: "token-verify",
};
type Name = (typeof BUNDLED)[number];

export interface ReferenceWorkers {
  /** Miniflare options for all of them, given the stack's URL and the user Worker's extra vars. */
  options(url: string, env: Record<string, string>): WorkerOptions[];
  /** The folder the bundles are in (removed by `dispose`). */
  dir: string;
  /** Each bundle's size in bytes (raw), for the record. */
  sizes: Record<Name, number>;
  dispose(): Promise<void>;
}

const fromConfig = (path: string): WorkerOptions => workerOptionsFrom(join(ROOT, path)).workerOptions as WorkerOptions;

async function bundle(name: Name, outdir: string): Promise<number> {
  // Bundled exactly as the project's Workers are.
  const result = await esbuild.build({
    ...workerOptions,
    entryPoints: { [name]: join(ROOT, "bench", "workers", `${ENTRY[name]}.ts`) },
    outdir,
    metafile: true,
  });
  return Object.entries(result.metafile.outputs).find(([path]) => path.endsWith(`${name}.js`))![1].bytes;
}

export async function buildReferenceWorkers(): Promise<ReferenceWorkers> {
  const outdir = await mkdtemp(join(tmpdir(), "workers-users-bench-workers-"));
  try {
    const bytes = await Promise.all(BUNDLED.map((name) => bundle(name, outdir)));
    const sizes = Object.fromEntries(BUNDLED.map((name, i) => [name, bytes[i]!])) as Record<Name, number>;
    return { dir: outdir, options: (url, env) => referenceOptions(outdir, url, env), sizes, dispose: () => rm(outdir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(outdir, { recursive: true, force: true });
    throw error;
  }
}

function referenceOptions(outdir: string, url: string, env: Record<string, string>): WorkerOptions[] {
  const user = fromConfig("workers/user/wrangler.jsonc");
  const session = fromConfig("workers/session/wrangler.jsonc");
  const example = fromConfig("workers/example/wrangler.jsonc");
  const site = fromConfig("site/wrangler.jsonc");
  const script = (name: Name) => ({ name: REFERENCE[name], modules: true, modulesRoot: outdir, scriptPath: join(outdir, `${name}.js`) });
  const runtime = { compatibilityDate: user.compatibilityDate, compatibilityFlags: user.compatibilityFlags };
  // The user Worker's bindings plus the session Worker's, as one Worker would hold them.
  const variant = {
    ...user,
    ...script("variant"),
    kvNamespaces: session.kvNamespaces,
    bindings: { ...session.bindings, ...user.bindings, APP_URL: url, RESEND_API_KEY: "", ...env },
    // The user Worker itself consumes the mail queue; a queue takes one consumer.
    queueConsumers: undefined,
  };
  return [
    { ...runtime, ...script("bare") },
    { ...runtime, ...script("floor"), kvNamespaces: session.kvNamespaces },
    { ...runtime, ...script("floorRoles"), kvNamespaces: session.kvNamespaces },
    variant,
    { ...variant, name: REFERENCE.variantTouch, bindings: { ...variant.bindings, SESSION_TOUCH_INTERVAL: "1" } },
    { ...runtime, ...script("consumer"), serviceBindings: example.serviceBindings },
    // A service verifying tokens the user Worker issued, with the JWKS from the user Worker once.
    { ...runtime, ...script("tokenVerify"), serviceBindings: { API: "workers-users-user" }, bindings: { ISSUER: url } },
    { ...site, name: REFERENCE.gateway, modules: true, scriptPath: outputs.site.main },
  ];
}
