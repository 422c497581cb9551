import * as cloudflare from "@pulumi/cloudflare";
import type * as pulumi from "@pulumi/pulumi";
import type { WorkerArtifact } from "../artifacts";
import type { DeployedQueue } from "../wrangler/bindings";
import { queueUnit } from "./queues";
import type { QueueConsumerDeclaration, WorkerDeclaration } from "../wrangler/worker-config";

export interface WorkerScriptArgs {
  accountId: string;
  scriptName: string;
  declaration: WorkerDeclaration;
  artifact: WorkerArtifact;
  bindings: pulumi.Input<cloudflare.types.input.WorkersScriptBinding>[];
  /** Resources the new version must wait for (the migrations its code expects). */
  dependsOn: pulumi.Input<pulumi.Resource>[];
  /** The stack's queues by declared name: what `queues.consumers` consume and dead-letter to. */
  queues: Record<string, DeployedQueue>;
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
      ...(args.bindings.length > 0 ? { bindings: args.bindings } : {}),
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
  const consumers = declaration.queueConsumers.map((c) => createQueueConsumer(parent, name, script.scriptName, c, args));
  const crons = createCronTrigger(parent, name, script.scriptName, args);
  return { script, subdomain, consumers, crons };
}

/** The Worker as a queue's consumer, with wrangler's settings in the API's units (`max_batch_timeout` s → ms). */
function createQueueConsumer(parent: pulumi.Resource, name: string, scriptName: pulumi.Output<string>, c: QueueConsumerDeclaration, args: WorkerScriptArgs) {
  const queue = (declared: string) => {
    const found = args.queues[declared];
    if (!found) throw new Error(`${args.declaration.file}: queue consumer refers to "${declared}", which this stack does not deploy`);
    return found;
  };
  const settings = {
    ...(c.maxBatchSize !== undefined && { batchSize: c.maxBatchSize }),
    ...(c.maxRetries !== undefined && { maxRetries: c.maxRetries }),
    ...(c.maxBatchTimeout !== undefined && { maxWaitTimeMs: c.maxBatchTimeout * 1000 }),
    ...(c.retryDelay !== undefined && { retryDelay: c.retryDelay }),
    ...(c.maxConcurrency !== undefined && { maxConcurrency: c.maxConcurrency }),
  };
  return new cloudflare.QueueConsumer(
    `${name}-consumer-${queueUnit(c.queue)}`,
    {
      accountId: args.accountId,
      queueId: queue(c.queue).id,
      scriptName,
      type: "worker",
      ...(c.deadLetterQueue !== undefined && { deadLetterQueue: queue(c.deadLetterQueue).name }),
      ...(Object.keys(settings).length > 0 && { settings }),
    },
    { parent },
  );
}

/** `triggers.crons`, when there are any: no resource at all otherwise, so nothing to diff. */
function createCronTrigger(parent: pulumi.Resource, name: string, scriptName: pulumi.Output<string>, args: WorkerScriptArgs) {
  if (args.declaration.crons.length === 0) return undefined;
  return new cloudflare.WorkersCronTrigger(
    `${name}-crons`,
    { accountId: args.accountId, scriptName, schedules: args.declaration.crons.map((cron) => ({ cron })) },
    { parent },
  );
}
