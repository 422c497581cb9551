/**
 * The user Worker's OpenAPI document, made from its route definitions at build time so
 * the generator never ships in the Worker, and the site's API types generated from that
 * document by openapi-typescript (the site calls through openapi-fetch: site/src/lib/api.ts):
 *
 *   npx tsx scripts/openapi.ts           writes workers/user/src/openapi/openapi.json and site/src/lib/api-schema.ts
 *   npx tsx scripts/openapi.ts --check   fails when either is not what the routes say
 *
 * `npm run types` runs the first, `npm run check` (and so `npm test`) the second.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import openapiTS, { astToString } from "openapi-typescript";
import type { Declared } from "../workers/user/src/openapi/router";
import { OPENAPI_DOCUMENT } from "./build";

const ROOT = join(import.meta.dirname, "..");
const SRC = join(ROOT, "workers", "user", "src");
export const SITE_TYPES_FILE = join(ROOT, "site", "src", "lib", "api-schema.ts");

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

/** The site's types for every path, request and response of the document. */
export async function generateSiteTypes(document: string): Promise<string> {
  const types = astToString(await openapiTS(JSON.parse(document) as Parameters<typeof openapiTS>[0]));
  return `// Generated from the user Worker's OpenAPI document by scripts/openapi.ts (openapi-typescript).
// Do not edit: change the route, then run \`npm run types\`.
${types}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const document = await generateDocument();
  const outputs = [
    { file: OPENAPI_DOCUMENT, text: document },
    { file: SITE_TYPES_FILE, text: await generateSiteTypes(document) },
  ];
  for (const { file, text } of outputs) {
    const name = relative(ROOT, file);
    const current = await readFile(file, "utf8").catch(() => "");
    if (current === text) continue;
    if (process.argv.includes("--check")) {
      console.error(`${name} is out of date: run \`npm run types\` and commit it.`);
      process.exitCode = 1;
    } else {
      await writeFile(file, text);
      console.log(`wrote ${name}`);
    }
  }
}
