import type * as pulumi from "@pulumi/pulumi";
import type { types } from "@pulumi/cloudflare";
import type { BindingDeclaration, WorkerDeclaration } from "./worker-config";

type WorkersScriptBinding = types.input.WorkersScriptBinding;

export interface DeployedQueue {
  id: pulumi.Input<string>;
  name: pulumi.Input<string>;
}

/** The deployed resource behind each name a wrangler.jsonc refers to. */
export interface BindingTargets {
  /** KV binding name → namespace id. */
  kvNamespaces: Record<string, pulumi.Input<string>>;
  /** `database_name` in wrangler.jsonc → D1 database UUID. */
  d1Databases: Record<string, pulumi.Input<string>>;
  /** Worker name in wrangler.jsonc (`workers-users-session`) → deployed script name. */
  services: Record<string, pulumi.Input<string>>;
  /** Per-stack values that replace declared vars. */
  vars: Record<string, pulumi.Input<string>>;
  /** Secret bindings (not declared in wrangler.jsonc). */
  secrets: Record<string, pulumi.Input<string>>;
  /** Queue name in wrangler.jsonc (`workers-users-mail`) → this stack's queue. */
  queues: Record<string, DeployedQueue>;
  /** Declared rate limit namespace id → the id this stack uses. */
  rateLimitNamespace: (declaredId: string) => string;
}

/** The WorkersScript bindings for every binding a wrangler.jsonc declares, plus secrets. */
export function workerBindings(worker: WorkerDeclaration, targets: BindingTargets): WorkersScriptBinding[] {
  const declared = worker.bindings.map((b) => workerBinding(b, targets, worker.file));
  const secrets = Object.entries(targets.secrets).map(([name, text]) => ({ type: "secret_text", name, text }));
  return [...declared, ...secrets];
}

function workerBinding(b: BindingDeclaration, targets: BindingTargets, file: string): WorkersScriptBinding {
  switch (b.kind) {
    case "kv_namespace":
      return { type: "kv_namespace", name: b.name, namespaceId: target(targets.kvNamespaces, b.name, b, file) };
    case "d1":
      return { type: "d1", name: b.name, id: target(targets.d1Databases, b.databaseName, b, file) };
    case "service":
      return {
        type: "service",
        name: b.name,
        service: target(targets.services, b.service, b, file),
        ...(b.entrypoint ? { entrypoint: b.entrypoint } : {}),
      };
    case "ratelimit":
      return {
        type: "ratelimit",
        name: b.name,
        namespaceId: targets.rateLimitNamespace(b.namespaceId),
        simple: { limit: b.limit, period: b.period },
      };
    case "queue":
      return { type: "queue", name: b.name, queueName: target(targets.queues, b.queue, b, file).name };
    case "var":
      return varBinding(b, targets.vars[b.name]);
  }
}

function varBinding(b: Extract<BindingDeclaration, { kind: "var" }>, override: pulumi.Input<string> | undefined): WorkersScriptBinding {
  if (override !== undefined) return { type: "plain_text", name: b.name, text: override };
  if (typeof b.value === "string") return { type: "plain_text", name: b.name, text: b.value };
  return { type: "json", name: b.name, json: JSON.stringify(b.value) };
}

export function target<T>(map: Record<string, T>, key: string, b: BindingDeclaration, file: string): T {
  const found = map[key];
  if (found === undefined) {
    throw new Error(`${file}: binding ${b.name} refers to "${key}", which this stack does not deploy`);
  }
  return found;
}
