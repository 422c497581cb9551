import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";

/** A module part of a Worker upload besides the main module (e.g. the Argon2 .wasm). */
export interface ModulePart {
  contentBase64: string;
  contentSha256: string;
  contentType: string;
}

/** A built Worker as the WorkersScript resource uploads it. */
export interface WorkerArtifact {
  mainModule: string;
  content: string;
  files: Record<string, ModulePart>;
}

// workerd cannot compile WASM from bytes at run time: a .wasm must ship as its own
// module part with this content type, which the Workers API takes as CompiledWasm.
const MODULE_TYPES: Record<string, string> = {
  ".wasm": "application/wasm",
  ".js": "application/javascript+module",
  ".mjs": "application/javascript+module",
};

/** Reads `main` and every module beside it (esbuild's output folder for one Worker). */
export function readWorkerArtifact(main: string): WorkerArtifact {
  const dir = dirname(main);
  const files: Record<string, ModulePart> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name === basename(main) || name.endsWith(".map")) continue;
    if (statSync(join(dir, name)).isDirectory()) throw new Error(`${dir}: unexpected folder ${name} in a Worker build`);
    const contentType = MODULE_TYPES[extname(name)];
    if (!contentType) throw new Error(`${join(dir, name)}: no module type for this file; add one in infra/artifacts.ts`);
    const bytes = readFileSync(join(dir, name));
    files[name] = {
      contentBase64: bytes.toString("base64"),
      contentSha256: createHash("sha256").update(bytes).digest("hex"),
      contentType,
    };
  }
  return { mainModule: basename(main), content: readFileSync(main, "utf8"), files };
}
