/**
 * How the Cloudflare provider turns Pulumi inputs into API requests, modelled
 * (the provider itself cannot run here): its v5 schema names every field as the
 * API does, so camelCase keys become snake_case, and a `json` binding's string
 * is sent as the JSON value it holds. Names in UPPER_SNAKE (bindings, vars) stay.
 */
export function apiShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(apiShape);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).map(([key, v]) => [snake(key), apiShape(v)] as const);
  const shaped = Object.fromEntries(entries) as Record<string, unknown>;
  if (shaped.type === "json" && typeof shaped.json === "string") shaped.json = JSON.parse(shaped.json);
  return shaped;
}

function snake(key: string): string {
  return /[a-z]/.test(key) ? key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase() : key;
}

/** The upload a WorkersScript's inputs become: metadata and every module part. */
export function scriptUpload(inputs: Record<string, any>) {
  const metadata: Record<string, unknown> = {
    main_module: inputs.mainModule,
    bindings: apiShape(inputs.bindings ?? []),
    compatibility_date: inputs.compatibilityDate,
    ...(inputs.compatibilityFlags ? { compatibility_flags: inputs.compatibilityFlags } : {}),
  };
  const parts: Record<string, { contentType: string; base64: string }> = {
    [inputs.mainModule]: { contentType: "application/javascript+module", base64: Buffer.from(inputs.content).toString("base64") },
  };
  for (const [name, file] of Object.entries((inputs.files ?? {}) as Record<string, { contentBase64: string; contentType: string }>)) {
    parts[name] = { contentType: file.contentType, base64: file.contentBase64 };
  }
  return { metadata, parts };
}

/** The multipart body of that upload, as the provider PUTs it. */
export function uploadForm(upload: ReturnType<typeof scriptUpload>): FormData {
  const form = new FormData();
  form.set("metadata", JSON.stringify(upload.metadata));
  for (const [name, part] of Object.entries(upload.parts)) {
    form.set(name, new File([Buffer.from(part.base64, "base64")], name, { type: part.contentType }));
  }
  return form;
}
