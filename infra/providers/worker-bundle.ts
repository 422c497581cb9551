// Serialized into the dynamic provider: globals only.

/**
 * The `_worker.bundle` part of a Pages deployment, as wrangler builds it: a
 * multipart body with the Worker upload metadata and `_worker.js` as the main
 * ES module. Bindings are not in it: Pages takes them from the project's
 * deployment config.
 */
export async function workerBundle(code: Uint8Array, compatibilityDate: string): Promise<Blob> {
  const bundle = new FormData();
  bundle.set("metadata", JSON.stringify({ main_module: "_worker.js", compatibility_date: compatibilityDate }));
  bundle.set("_worker.js", new File([code], "_worker.js", { type: "application/javascript+module" }));
  return new Response(bundle).blob();
}
