// The bundler (esbuild `.wasm: copy`, wrangler, vitest-pool-workers) keeps this file a
// module of its own, which workerd hands over already compiled.
declare module "@phi-ag/argon2/argon2.wasm" {
  const wasm: WebAssembly.Module;
  export default wasm;
}
