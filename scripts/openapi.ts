/**
 * The user Worker's OpenAPI document, made from its route definitions at build time so
 * the generator never ships in the Worker:
 *
 *   npx tsx scripts/openapi.ts           writes workers/user/src/openapi/openapi.json
 *   npx tsx scripts/openapi.ts --check   fails when that file is not what the routes say
 *
 * `npm run types` runs the first, `npm run check` (and so `npm test`) the second.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import type { Declared } from "../workers/user/src/openapi/router";

const ROOT = join(import.meta.dirname, "..");
const SRC = join(ROOT, "workers", "user", "src");
export const DOCUMENT_FILE = join(SRC, "openapi", "openapi.json");

/** Loading the routes in Node: the Argon2 .wasm is never instantiated by declaring them. */
const noWasm: esbuild.Plugin = {
  name: "no-wasm",
  setup(build) {
    build.onResolve({ filter: /\.wasm$/ }, (args) => ({ path: args.path, namespace: "no-wasm" }));
    build.onLoad({ filter: /.*/, namespace: "no-wasm" }, () => ({ contents: "export default undefined;", loader: "js" }));
  },
};

export async function generateDocument(): Promise<string> {
  const entry = `export { app } from ${JSON.stringify(join(SRC, "app.ts"))};
export { openApiDocument } from ${JSON.stringify(join(SRC, "openapi", "document.ts"))};`;
  const { outputFiles } = await esbuild.build({
    stdin: { contents: entry, resolveDir: SRC, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "warning",
    plugins: [noWasm],
  });
  const file = join(ROOT, "node_modules", ".cache", "openapi-document.mjs");
  // A fresh `npm ci` has no node_modules/.cache yet.
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, outputFiles[0]!.contents);
  const loaded = (await import(`${pathToFileURL(file).href}?${Date.now()}`)) as {
    app: { declared: Declared[] };
    openApiDocument: (declared: Declared[]) => unknown;
  };
  return `${JSON.stringify(loaded.openApiDocument(loaded.app.declared), null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const document = await generateDocument();
  const current = await readFile(DOCUMENT_FILE, "utf8").catch(() => "");
  if (process.argv.includes("--check")) {
    if (current !== document) {
      console.error("workers/user/src/openapi/openapi.json is out of date: run `npm run types` and commit it.");
      process.exit(1);
    }
  } else if (current !== document) {
    await writeFile(DOCUMENT_FILE, document);
    console.log("wrote workers/user/src/openapi/openapi.json");
  }
}
