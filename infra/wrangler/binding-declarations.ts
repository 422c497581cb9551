import { resolve } from "node:path";

/** One binding as wrangler.jsonc declares it, before any Cloudflare resource exists. */
export type BindingDeclaration =
  | { kind: "kv_namespace"; name: string; id: string }
  | { kind: "d1"; name: string; databaseName: string; migrationsDir: string | undefined }
  | { kind: "service"; name: string; service: string; entrypoint: string | undefined }
  | { kind: "var"; name: string; value: unknown }
  | { kind: "ratelimit"; name: string; namespaceId: string; limit: number; period: 10 | 60 }
  | { kind: "queue"; name: string; queue: string };

interface ReadContext {
  fail: (message: string) => never;
  /** Folder of the wrangler.jsonc: relative paths in it resolve from there. */
  baseDir: string;
}

type Reader = (entry: Record<string, unknown>, ctx: ReadContext) => BindingDeclaration;

const READERS: Record<string, Reader> = {
  kv_namespaces: (e, ctx) => ({ kind: "kv_namespace", name: text(e, "binding", ctx), id: text(e, "id", ctx) }),
  d1_databases: (e, ctx) => ({
    kind: "d1",
    name: text(e, "binding", ctx),
    databaseName: text(e, "database_name", ctx),
    migrationsDir: typeof e.migrations_dir === "string" ? resolve(ctx.baseDir, e.migrations_dir) : undefined,
  }),
  services: (e, ctx) => ({
    kind: "service",
    name: text(e, "binding", ctx),
    service: text(e, "service", ctx),
    entrypoint: typeof e.entrypoint === "string" ? e.entrypoint : undefined,
  }),
  ratelimits: (e, ctx) => readRateLimit(e, ctx),
};

export function readBindings(declared: Record<string, unknown>, ctx: ReadContext, more: BindingDeclaration[] = []): BindingDeclaration[] {
  const bindings: BindingDeclaration[] = [...more];
  for (const [key, value] of Object.entries(declared)) {
    if (key === "vars") {
      if (!isRecord(value)) ctx.fail(`"vars" must be an object`);
      for (const [name, v] of Object.entries(value as Record<string, unknown>)) bindings.push({ kind: "var", name, value: v });
      continue;
    }
    const reader = READERS[key];
    if (!reader) ctx.fail(`"${key}" is not mapped by the Pulumi program (infra/wrangler/binding-declarations.ts): map it there or remove it`);
    if (!Array.isArray(value)) ctx.fail(`"${key}" must be an array`);
    for (const entry of value as unknown[]) {
      if (!isRecord(entry)) ctx.fail(`"${key}" entries must be objects`);
      bindings.push(reader!(entry as Record<string, unknown>, ctx));
    }
  }
  const names = bindings.map((b) => b.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) ctx.fail(`binding name ${duplicate} is declared twice`);
  return bindings;
}

function readRateLimit(e: Record<string, unknown>, ctx: ReadContext): BindingDeclaration {
  const name = text(e, "name", ctx);
  const namespaceId = String(e.namespace_id ?? "");
  if (!/^[1-9]\d{0,9}$/.test(namespaceId)) ctx.fail(`ratelimit ${name}: "namespace_id" must be a positive integer`);
  const simple = isRecord(e.simple) ? e.simple : ctx.fail(`ratelimit ${name}: "simple" is required`);
  const { limit, period } = simple as { limit?: unknown; period?: unknown };
  if (!Number.isInteger(limit) || (limit as number) < 1) ctx.fail(`ratelimit ${name}: "simple.limit" must be a positive integer`);
  if (period !== 10 && period !== 60) ctx.fail(`ratelimit ${name}: "simple.period" must be 10 or 60`);
  return { kind: "ratelimit", name, namespaceId, limit: limit as number, period: period as 10 | 60 };
}

function text(entry: Record<string, unknown>, key: string, ctx: ReadContext): string {
  const value = entry[key];
  if (typeof value !== "string" || value === "") ctx.fail(`binding entry needs a string "${key}"`);
  return value as string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
