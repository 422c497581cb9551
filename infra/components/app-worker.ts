import type * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { WorkerArtifact } from "../artifacts";
import type { StackNames } from "../names";
import { workerBindings, type BindingTargets } from "../wrangler/bindings";
import type { WorkerDeclaration } from "../wrangler/worker-config";
import { createWorkerScript } from "./worker-script";

export interface AppWorkerArgs {
  accountId: string;
  names: StackNames;
  /** workers/<name>/wrangler.jsonc */
  declaration: WorkerDeclaration;
  artifact: WorkerArtifact;
  targets: BindingTargets;
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

/**
 * A Worker of the app beside the user Worker (workers/example, or one's own), usually
 * reading the same session through its service binding to the session Worker; or a
 * private helper the user Worker binds (workers/passkeys), deployed before it.
 *
 * @example
 * const notes = new AppWorker("example", { accountId, names, declaration, artifact, targets, dependsOn: [migrations] });
 */
export class AppWorker extends pulumi.ComponentResource {
  readonly script: cloudflare.WorkersScript;
  readonly subdomain: cloudflare.WorkersScriptSubdomain;
  readonly scriptName: pulumi.Output<string>;

  /** `type` lets a unit with a role of its own (UserService) keep its own type token. */
  constructor(name: string, args: AppWorkerArgs, opts?: pulumi.ComponentResourceOptions, type = "workers-users:index:AppWorker") {
    super(type, name, {}, opts);
    const { script, subdomain } = this.createScript(name, args);
    this.script = script;
    this.subdomain = subdomain;
    this.scriptName = script.scriptName;
    this.registerOutputs({ scriptName: this.scriptName });
  }

  private createScript(name: string, args: AppWorkerArgs) {
    return createWorkerScript(this, name, {
      queues: args.targets.queues,
      accountId: args.accountId,
      scriptName: args.names.of(name),
      declaration: args.declaration,
      artifact: args.artifact,
      bindings: workerBindings(args.declaration, args.targets),
      dependsOn: args.dependsOn,
    });
  }
}
