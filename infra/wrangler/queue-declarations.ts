import { isRecord, type BindingDeclaration } from "./binding-declarations";

/** One `queues.consumers` entry of a wrangler.jsonc, with wrangler's units (seconds). */
export interface QueueConsumerDeclaration {
  queue: string;
  maxBatchSize: number | undefined;
  maxBatchTimeout: number | undefined;
  maxRetries: number | undefined;
  deadLetterQueue: string | undefined;
  retryDelay: number | undefined;
  maxConcurrency: number | undefined;
}

interface ReadContext {
  fail: (message: string) => never;
}

/** `queues`: producers become bindings; consumers are deployed as the queue's consumer. */
export function readQueues(value: unknown, ctx: ReadContext): { producers: BindingDeclaration[]; consumers: QueueConsumerDeclaration[] } {
  if (value === undefined) return { producers: [], consumers: [] };
  if (!isRecord(value)) ctx.fail(`"queues" must be an object`);
  const { producers = [], consumers = [], ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) ctx.fail(`"queues.${unknown[0]}" is not mapped by the Pulumi program (infra/wrangler/queue-declarations.ts)`);
  return {
    producers: entries(producers, "queues.producers", ctx).map((e) => ({ kind: "queue", name: text(e, "binding", ctx), queue: text(e, "queue", ctx) })),
    consumers: entries(consumers, "queues.consumers", ctx).map((e) => readConsumer(e, ctx)),
  };
}

function readConsumer(e: Record<string, unknown>, ctx: ReadContext): QueueConsumerDeclaration {
  const queue = text(e, "queue", ctx);
  const known = new Set(["queue", "max_batch_size", "max_batch_timeout", "max_retries", "dead_letter_queue", "retry_delay", "max_concurrency"]);
  const unknown = Object.keys(e).find((key) => !known.has(key));
  if (unknown) ctx.fail(`queue consumer ${queue}: "${unknown}" is not mapped by the Pulumi program`);
  const dlq = e.dead_letter_queue;
  if (dlq !== undefined && (typeof dlq !== "string" || dlq === "")) ctx.fail(`queue consumer ${queue}: "dead_letter_queue" must be a queue name`);
  return {
    queue,
    maxBatchSize: count(e, "max_batch_size", queue, ctx),
    maxBatchTimeout: count(e, "max_batch_timeout", queue, ctx),
    maxRetries: count(e, "max_retries", queue, ctx),
    deadLetterQueue: dlq as string | undefined,
    retryDelay: count(e, "retry_delay", queue, ctx),
    maxConcurrency: count(e, "max_concurrency", queue, ctx),
  };
}

/** `triggers.crons`: the Worker's cron schedules. */
export function readCrons(value: unknown, ctx: ReadContext): string[] {
  if (value === undefined) return [];
  if (!isRecord(value)) ctx.fail(`"triggers" must be an object`);
  const { crons = [], ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) ctx.fail(`"triggers.${Object.keys(rest)[0]}" is not mapped by the Pulumi program`);
  if (!Array.isArray(crons) || !crons.every((c) => typeof c === "string" && c.trim() !== "")) ctx.fail(`"triggers.crons" must be cron expressions`);
  return crons as string[];
}

function entries(value: unknown, key: string, ctx: ReadContext): Record<string, unknown>[] {
  if (!Array.isArray(value) || !value.every(isRecord)) ctx.fail(`"${key}" must be an array of objects`);
  return value as Record<string, unknown>[];
}

function text(e: Record<string, unknown>, key: string, ctx: ReadContext): string {
  const value = e[key];
  if (typeof value !== "string" || value === "") ctx.fail(`queue entry needs a string "${key}"`);
  return value as string;
}

function count(e: Record<string, unknown>, key: string, queue: string, ctx: ReadContext): number | undefined {
  const value = e[key];
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < 0) ctx.fail(`queue consumer ${queue}: "${key}" must be a whole number`);
  return value as number;
}
