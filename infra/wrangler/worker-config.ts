import { dirname, normalize, resolve } from "node:path";
import { readJsonc } from "./read-jsonc";
import { isRecord, readBindings, type BindingDeclaration } from "./binding-declarations";
import { readCrons, readQueues, type QueueConsumerDeclaration } from "./queue-declarations";

export type { BindingDeclaration } from "./binding-declarations";
export type { QueueConsumerDeclaration } from "./queue-declarations";

/** What one wrangler.jsonc declares, in the shape the Pulumi program deploys. */
export interface WorkerDeclaration {
  file: string;
  name: string;
  compatibilityDate: string;
  compatibilityFlags: string[];
  /** wrangler's default is true: a Worker without `workers_dev: false` is public on workers.dev. */
  workersDev: boolean;
  previewUrls: boolean;
  /** Pages only: `pages_build_output_dir` as written (wrangler sends it with each deployment). */
  pagesBuildOutputDir: string | undefined;
  bindings: BindingDeclaration[];
  /** The queues this Worker consumes (`queues.consumers`); its producers are among `bindings`. */
  queueConsumers: QueueConsumerDeclaration[];
  /** `triggers.crons`: when its scheduled handler runs. */
  crons: string[];
}

// Keys that configure the script itself; every other key must be a binding kind
// this program maps, so a binding added to wrangler.jsonc cannot be silently dropped.
const SCRIPT_KEYS = new Set([
  "$schema",
  "name",
  "main",
  "compatibility_date",
  "compatibility_flags",
  "workers_dev",
  "preview_urls",
  "pages_build_output_dir",
  // Read apart: producers are bindings, consumers and crons are resources of their own.
  "queues",
  "triggers",
]);

export function readWorkerDeclaration(file: string): WorkerDeclaration {
  const raw = readJsonc(file);
  if (!isRecord(raw)) throw new Error(`${file}: expected an object at the top level`);
  const fail = (message: string): never => {
    throw new Error(`${file}: ${message}`);
  };
  const name = typeof raw.name === "string" ? raw.name : fail(`"name" must be a string`);
  const date = raw.compatibility_date;
  if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`"compatibility_date" must be YYYY-MM-DD`);
  const flags = raw.compatibility_flags ?? [];
  if (!Array.isArray(flags) || !flags.every((f) => typeof f === "string")) fail(`"compatibility_flags" must be strings`);
  const outputDir = raw.pages_build_output_dir;
  if (outputDir !== undefined && typeof outputDir !== "string") fail(`"pages_build_output_dir" must be a path`);
  const bindingKeys = Object.keys(raw).filter((key) => !SCRIPT_KEYS.has(key));
  const queues = readQueues(raw.queues, { fail });
  return {
    file,
    name,
    compatibilityDate: date as string,
    compatibilityFlags: flags as string[],
    workersDev: raw.workers_dev !== false,
    previewUrls: raw.preview_urls !== false,
    pagesBuildOutputDir: typeof outputDir === "string" ? normalize(outputDir).replace(/\/$/, "") : undefined,
    bindings: readBindings(Object.fromEntries(bindingKeys.map((k) => [k, raw[k]])), { fail, baseDir: dirname(resolve(file)) }, queues.producers),
    queueConsumers: queues.consumers,
    crons: readCrons(raw.triggers, { fail }),
  };
}
