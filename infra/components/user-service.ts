import type * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { WorkerArtifact } from "../artifacts";
import type { StackNames } from "../names";
import { workerBindings, type BindingTargets } from "../wrangler/bindings";
import type { WorkerDeclaration } from "../wrangler/worker-config";
import { createWorkerScript } from "./worker-script";

export interface UserServiceArgs {
  accountId: string;
  names: StackNames;
  /** workers/user/wrangler.jsonc */
  declaration: WorkerDeclaration;
  /** index.js and the Argon2 .wasm beside it, uploaded as a CompiledWasm module part. */
  artifact: WorkerArtifact;
  targets: BindingTargets;
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

/**
 * The user Worker (the Hono app under /api). It has no public URL of its own:
 * the site's gateway reaches it over a service binding, on the site's origin.
 *
 * @example
 * const user = new UserService("user", { accountId, names, declaration, artifact, targets, dependsOn: [migrations] });
 */
export class UserService extends pulumi.ComponentResource {
  readonly script: cloudflare.WorkersScript;
  readonly subdomain: cloudflare.WorkersScriptSubdomain;
  readonly scriptName: pulumi.Output<string>;

  constructor(name: string, args: UserServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("workers-users:index:UserService", name, {}, opts);
    const { script, subdomain } = this.createScript(name, args);
    this.script = script;
    this.subdomain = subdomain;
    this.scriptName = script.scriptName;
    this.registerOutputs({ scriptName: this.scriptName });
  }

  private createScript(name: string, args: UserServiceArgs) {
    return createWorkerScript(this, name, {
      accountId: args.accountId,
      scriptName: args.names.of(name),
      declaration: args.declaration,
      artifact: args.artifact,
      bindings: workerBindings(args.declaration, args.targets),
      dependsOn: args.dependsOn,
    });
  }
}
