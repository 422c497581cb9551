import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { WorkerArtifact } from "../artifacts";
import type { StackNames } from "../names";
import { workerBindings, type BindingTargets } from "../wrangler/bindings";
import type { WorkerDeclaration } from "../wrangler/worker-config";
import { createWorkerScript } from "./worker-script";

export interface SessionStoreArgs {
  accountId: string;
  names: StackNames;
  /** workers/session/wrangler.jsonc */
  declaration: WorkerDeclaration;
  artifact: WorkerArtifact;
  /** Everything its bindings point at except the KV namespaces it creates itself. */
  targets: Omit<BindingTargets, "kvNamespaces">;
  dependsOn: pulumi.Input<pulumi.Resource>[];
  /** Refuse deletion and replacement of the KV namespaces (Pulumi's `protect`). */
  protect: boolean;
}

/**
 * The session Worker and the KV namespaces it declares. Private: no workers.dev
 * URL, no route, no custom domain; only service bindings reach it.
 *
 * @example
 * const session = new SessionStore("session", { accountId, names, declaration, artifact, targets, dependsOn: [migrations], protect: true });
 */
export class SessionStore extends pulumi.ComponentResource {
  readonly kvNamespaces: Record<string, cloudflare.WorkersKvNamespace>;
  readonly script: cloudflare.WorkersScript;
  readonly subdomain: cloudflare.WorkersScriptSubdomain;
  readonly scriptName: pulumi.Output<string>;

  constructor(name: string, args: SessionStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("workers-users:index:SessionStore", name, {}, opts);
    this.kvNamespaces = this.createKvNamespaces(name, args);
    const { script, subdomain } = this.createScript(name, args);
    this.script = script;
    this.subdomain = subdomain;
    this.scriptName = script.scriptName;
    this.registerOutputs({
      scriptName: this.scriptName,
      kvNamespaceIds: Object.fromEntries(Object.entries(this.kvNamespaces).map(([b, kv]) => [b, kv.id])),
    });
  }

  private createKvNamespaces(name: string, args: SessionStoreArgs): Record<string, cloudflare.WorkersKvNamespace> {
    const namespaces: Record<string, cloudflare.WorkersKvNamespace> = {};
    for (const b of args.declaration.bindings) {
      if (b.kind !== "kv_namespace") continue;
      const unit = `${name}-${b.name.toLowerCase()}`;
      namespaces[b.name] = new cloudflare.WorkersKvNamespace(
        `${unit}-kv`,
        { accountId: args.accountId, title: args.names.of(unit) },
        { parent: this, protect: args.protect },
      );
    }
    return namespaces;
  }

  private createScript(name: string, args: SessionStoreArgs) {
    const kvNamespaces = Object.fromEntries(Object.entries(this.kvNamespaces).map(([b, kv]) => [b, kv.id]));
    return createWorkerScript(this, name, {
      queues: args.targets.queues,
      accountId: args.accountId,
      scriptName: args.names.of(name),
      declaration: args.declaration,
      artifact: args.artifact,
      bindings: workerBindings(args.declaration, { ...args.targets, kvNamespaces }),
      dependsOn: args.dependsOn,
    });
  }
}
