import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { BuildOutputs } from "../../../scripts/build";
import { tempDir } from "./temp-dir";

/** The bytes of an empty WebAssembly module: magic number and version. */
export const WASM_BYTES = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
export const WASM_NAME = "argon2-3f2a9c.wasm";

/** A dist/ shaped like scripts/build.ts output, small enough to read in every test. */
export function fixtureBuild(files: Record<string, string | Uint8Array> = {}): BuildOutputs {
  const dist = tempDir("infra-dist-");
  const all: Record<string, string | Uint8Array> = {
    "session/index.js": "export class SessionService {}\nexport default { fetch() { return new Response(null, { status: 404 }); } };\n",
    "user/index.js": `import argon2 from "./${WASM_NAME}";\nexport default { fetch() { return new Response(String(argon2)); } };\n`,
    [`user/${WASM_NAME}`]: WASM_BYTES,
    "example/index.js": "export default { fetch() { return new Response(null, { status: 404 }); } };\n",
    "passkeys/index.js": "export class PasskeyService {}\nexport default { fetch() { return new Response(null, { status: 404 }); } };\n",
    "site/index.html": "<!doctype html><title>home</title>\n",
    "site/login.html": "<!doctype html><title>login</title>\n",
    "site/assets/login.js": "console.log('login');\n",
    "site/_headers": "/*\n  X-Frame-Options: DENY\n",
    // As scripts/build.ts writes them: the gateway's routes, and the local stack's assets ignore list.
    "site/_routes.json": '{"version":1,"include":["/api","/api/*"],"exclude":[]}\n',
    "site/.assetsignore": "_worker.js\n_routes.json\n",
    "site/_worker.js": "export default { fetch(r, env) { return env.ASSETS.fetch(r); } };\n",
    ...files,
  };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), content);
  }
  const unit = (name: string, main: string) => ({ dir: join(dist, name), main: join(dist, name, main) });
  const workers = ["session", "user", "example", "passkeys"].map((name) => [name, unit(name, "index.js")]);
  return { ...Object.fromEntries(workers), site: unit("site", "_worker.js") } as BuildOutputs;
}
