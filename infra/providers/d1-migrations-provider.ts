// Serialized into the dynamic provider: no run-time imports besides sibling provider files.
import type * as pulumi from "@pulumi/pulumi";
import { applyMigrations, type MigrationInput } from "./migration-runner";
import { DEFAULT_RETRY, type RetryPolicy } from "./cloudflare-api";

export interface D1MigrationsInputs {
  accountId: string;
  databaseId: string;
  apiToken: string;
  apiBaseUrl: string;
  migrations: MigrationInput[];
  /** Tests shorten the backoff; absent in real stacks. */
  retry?: RetryPolicy;
}

/** State: no token, and the hash of every recorded file so an edited one is caught. */
export interface D1MigrationsOutputs {
  accountId: string;
  databaseId: string;
  apiBaseUrl: string;
  recorded: string[];
  appliedNow: string[];
  hashes: Record<string, string>;
}

async function run(inputs: D1MigrationsInputs): Promise<D1MigrationsOutputs> {
  const { accountId, databaseId, apiBaseUrl } = inputs;
  const target = { accountId, databaseId, baseUrl: apiBaseUrl, token: inputs.apiToken };
  const { applied, recorded } = await applyMigrations(target, inputs.migrations, inputs.retry ?? DEFAULT_RETRY);
  const hashes: Record<string, string> = {};
  for (const m of inputs.migrations) if (recorded.includes(m.name)) hashes[m.name] = m.sha256;
  return { accountId, databaseId, apiBaseUrl, recorded, appliedNow: applied, hashes };
}

function editedAfterApply(olds: D1MigrationsOutputs, news: D1MigrationsInputs): string | undefined {
  return news.migrations.find((m) => olds.hashes?.[m.name] !== undefined && olds.hashes[m.name] !== m.sha256)?.name;
}

/** Applies pending D1 migrations through the HTTP query API during `pulumi up`. */
export const d1MigrationsProvider = {
  async diff(_id: string, olds: D1MigrationsOutputs, news: D1MigrationsInputs) {
    const moved = olds.accountId !== news.accountId || olds.databaseId !== news.databaseId;
    const pending = news.migrations.some((m) => olds.hashes?.[m.name] !== m.sha256);
    return { changes: moved || pending, replaces: moved ? ["databaseId"] : [] };
  },
  async create(inputs: D1MigrationsInputs) {
    return { id: `${inputs.databaseId}/migrations`, outs: await run(inputs) };
  },
  async update(_id: string, olds: D1MigrationsOutputs, news: D1MigrationsInputs) {
    const edited = editedAfterApply(olds, news);
    if (edited) {
      throw new Error(
        `migration ${edited} changed after it was applied: migrations are forward-only, ` +
          `restore it and put the change in a new file`,
      );
    }
    return { outs: await run(news) };
  },
  // The schema lives and dies with the database: nothing to undo here.
  async delete() {},
} satisfies pulumi.dynamic.ResourceProvider<D1MigrationsInputs, D1MigrationsOutputs>;
