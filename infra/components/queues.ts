import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { StackNames } from "../names";
import type { DeployedQueue } from "../wrangler/bindings";

export interface QueuesArgs {
  accountId: string;
  names: StackNames;
  /** Every queue name the wrangler.jsonc files use: producers, consumers and dead-letter queues. */
  declared: string[];
  /** Queued messages are state: protected like D1 and KV on protected stacks. */
  protect: boolean;
}

/**
 * The stack's queues, one per name the wrangler.jsonc files use, each named for this
 * stack: `workers-users-mail` is `workers-users-staging-mail`.
 *
 * @example
 * const queues = new Queues("queues", { accountId, names, declared: ["workers-users-mail"], protect: false });
 */
export class Queues extends pulumi.ComponentResource {
  /** By declared name: the queue's id (for its consumer) and its name (for bindings). */
  readonly byName: Record<string, DeployedQueue>;

  constructor(name: string, args: QueuesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("workers-users:index:Queues", name, {}, opts);
    this.byName = Object.fromEntries(args.declared.map((declared) => [declared, this.createQueue(name, declared, args)]));
    this.registerOutputs({ queueNames: Object.fromEntries(Object.entries(this.byName).map(([k, q]) => [k, q.name])) });
  }

  private createQueue(name: string, declared: string, args: QueuesArgs): DeployedQueue {
    const unit = queueUnit(declared);
    const queue = new cloudflare.Queue(
      `${name}-${unit}`,
      { accountId: args.accountId, queueName: args.names.of(unit) },
      { parent: this, protect: args.protect },
    );
    return { id: queue.queueId, name: queue.queueName };
  }
}

/** A declared queue name without the template's `workers-users-` prefix: the stack's names add project and stack. */
export function queueUnit(declared: string): string {
  return declared.replace(/^workers-users-/, "");
}
