// Serialized into the dynamic provider: globals only.

/** A binding as the Workers upload metadata spells it (`{type, name, service}`, ...). */
export type ApiBinding = { name: string; type: string } & Record<string, unknown>;

export interface BundleConfig {
  compatibilityDate: string;
  compatibilityFlags: string[];
  bindings: ApiBinding[];
}

/**
 * The `_worker.bundle` part of a Pages deployment, as wrangler builds it from a
 * wrangler config: a multipart body whose metadata carries the gateway's
 * bindings and compatibility settings, and `_worker.js` as the main ES module.
 * Pages applies bindings only to new deployments, so they travel with each one.
 */
export async function workerBundle(code: Uint8Array, config: BundleConfig): Promise<Blob> {
  const bundle = new FormData();
  bundle.set("metadata", JSON.stringify(bundleMetadata(config)));
  bundle.set("_worker.js", new File([code], "_worker.js", { type: "application/javascript+module" }));
  return new Response(bundle).blob();
}

export function bundleMetadata(config: BundleConfig) {
  return {
    main_module: "_worker.js",
    bindings: config.bindings,
    compatibility_date: config.compatibilityDate,
    compatibility_flags: config.compatibilityFlags,
  };
}
