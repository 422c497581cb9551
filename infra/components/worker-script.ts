import * as cloudflare from "@pulumi/cloudflare";
import type * as pulumi from "@pulumi/pulumi";
import type { WorkerArtifact } from "../artifacts";
import type { WorkerDeclaration } from "../wrangler/worker-config";

export interface WorkerScriptArgs {
  accountId: string;
  scriptName: string;
  declaration: WorkerDeclaration;
  artifact: WorkerArtifact;
  bindings: pulumi.Input<cloudflare.types.input.WorkersScriptBinding>[];
  /** Resources the new version must wait for (the migrations its code expects). */
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

/**
 * One Worker: its script with every module part and binding, and its workers.dev
 * and preview URLs set from wrangler.jsonc. Both are set explicitly because a
 * script uploaded through the API is not private unless told so. Empty
 * collections are left out: the provider reads them back as absent, which
 * would be a change on every `pulumi up`.
 */
export function createWorkerScript(parent: pulumi.Resource, name: string, args: WorkerScriptArgs) {
  const { declaration, artifact } = args;
  const script = new cloudflare.WorkersScript(
    `${name}-script`,
    {
      accountId: args.accountId,
      scriptName: args.scriptName,
      mainModule: artifact.mainModule,
      content: artifact.content,
      ...(Object.keys(artifact.files).length > 0 ? { files: artifact.files } : {}),
      compatibilityDate: declaration.compatibilityDate,
      ...(declaration.compatibilityFlags.length > 0 ? { compatibilityFlags: declaration.compatibilityFlags } : {}),
      bindings: args.bindings,
      // On destroy the live Pages deployment still binds the Worker; the stack owns both.
      force: true,
    },
    { parent, dependsOn: args.dependsOn },
  );
  const subdomain = new cloudflare.WorkersScriptSubdomain(
    `${name}-subdomain`,
    {
      accountId: args.accountId,
      scriptName: script.scriptName,
      enabled: declaration.workersDev,
      previewsEnabled: declaration.previewUrls,
    },
    { parent },
  );
  return { script, subdomain };
}
