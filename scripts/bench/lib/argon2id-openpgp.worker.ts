// Candidate (f): the `argon2id` package 1.0.1 (OpenPGP.js): JS drives the block loop, WASM
// (SIMD build) does the compression function. Its setup takes the instantiation from us.
import setupWasm from "argon2id/lib/setup.js";
import simd from "argon2id/dist/simd.wasm";
import { toPhcBase64 } from "../../../workers/user/src/password/phc";
import { benchWorker } from "./bench-worker";

const OWASP = { memorySize: 19456, passes: 2, parallelism: 1, tagLength: 32 };
let memory: WebAssembly.Memory | undefined;
const instantiate = (imports: WebAssembly.Imports) => {
  memory = (imports.env as { memory: WebAssembly.Memory }).memory;
  return { instance: new WebAssembly.Instance(simd, imports), module: simd };
};
let ready: ReturnType<typeof setupWasm> | undefined;
const load = () => (ready ??= setupWasm(instantiate, () => {
  throw new Error("the SIMD build is expected to run in workerd");
}));
const utf8 = (s: string) => new TextEncoder().encode(s);

function phcOf(salt: Uint8Array, tag: Uint8Array): string {
  return `$argon2id$v=19$m=${OWASP.memorySize},t=${OWASP.passes},p=${OWASP.parallelism}$${toPhcBase64(salt)}$${toPhcBase64(tag)}`;
}

export default benchWorker({
  async hash(password) {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    return phcOf(salt, (await load())({ ...OWASP, password: utf8(password), salt }));
  },
  async verify(phc, password) {
    // Only PHC strings with the OWASP parameters are checked here (the interop cases are).
    const [, , , params, salt64, tag64] = phc.split("$");
    if (params !== `m=${OWASP.memorySize},t=${OWASP.passes},p=${OWASP.parallelism}`) return false;
    const salt = Uint8Array.from(atob(salt64!.padEnd(Math.ceil(salt64!.length / 4) * 4, "=")), (c) => c.charCodeAt(0));
    return phcOf(salt, (await load())({ ...OWASP, password: utf8(password), salt })) === phc;
  },
  memoryBytes: () => memory?.buffer.byteLength ?? 0,
});
