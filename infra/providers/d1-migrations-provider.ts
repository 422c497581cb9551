// Serialized into the dynamic provider: no run-time imports besides sibling provider files.
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_RETRY, type ApiError, type RetryPolicy } from "./cloudflare-api";
import { oversizedStatements } from "./migration-parts";
import { applyMigrations, DEFAULT_MAX_REQUEST_BYTES, recordedMigrations, type MigrationInput } from "./migration-runner";

export interface D1MigrationsInputs {
  accountId: string;
  databaseId: string;
  apiToken: string;
  apiBaseUrl: string;
  migrations: MigrationInput[];
  /** Tests shorten the backoff and the request size; absent in real stacks. */
  retry?: RetryPolicy;
  maxRequestBytes?: number;
}

/** State: the hash of every recorded file so an edited one is caught; the token (secret) so `refresh` can read. */
export interface D1MigrationsOutputs {
  accountId: string;
  databaseId: string;
  apiBaseUrl: string;
  apiToken: string;
  recorded: string[];
  appliedNow: string[];
  hashes: Record<string, string>;
}

const ACCOUNT_ID = /^[0-9a-f]{32}$/;
const MIGRATION_NAME = /^\d{4}_[a-z0-9]+(_[a-z0-9]+)+\.sql$/;
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

async function run(inputs: D1MigrationsInputs): Promise<D1MigrationsOutputs> {
  const { accountId, databaseId, apiBaseUrl, apiToken } = inputs;
  const target = { accountId, databaseId, baseUrl: apiBaseUrl, token: apiToken };
  const retry = inputs.retry ?? DEFAULT_RETRY;
  const { applied, recorded } = await applyMigrations(target, inputs.migrations, retry, inputs.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES);
  return { accountId, databaseId, apiBaseUrl, apiToken, recorded, appliedNow: applied, hashes: hashesOf(inputs.migrations, recorded) };
}

function hashesOf(migrations: MigrationInput[], recorded: string[]): Record<string, string> {
  return Object.fromEntries(migrations.filter((m) => recorded.includes(m.name)).map((m) => [m.name, m.sha256]));
}

function editedAfterApply(olds: D1MigrationsOutputs, news: D1MigrationsInputs): string | undefined {
  return news.migrations.find((m) => olds.hashes?.[m.name] !== undefined && olds.hashes[m.name] !== m.sha256)?.name;
}

function failuresOf(news: D1MigrationsInputs): pulumi.dynamic.CheckFailure[] {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  if (news.accountId !== UNKNOWN && !ACCOUNT_ID.test(news.accountId)) fail("accountId", `accountId "${news.accountId}" is not 32 hex digits`);
  const seen = new Set<string>();
  for (const m of news.migrations ?? []) {
    if (!MIGRATION_NAME.test(m.name)) fail("migrations", `${m.name}: migration files are named NNNN_verb_noun.sql`);
    if (seen.has(m.name)) fail("migrations", `${m.name} twice`);
    seen.add(m.name);
    for (const bytes of oversizedStatements(m.sql)) fail("migrations", `${m.name}: a statement of ${bytes} bytes is over D1's limit of 100000 bytes`);
  }
  return failures;
}

/** Applies pending D1 migrations through the HTTP query API during `pulumi up`. */
export const d1MigrationsProvider = {
  async check(_olds: D1MigrationsInputs, news: D1MigrationsInputs) {
    return { inputs: news, failures: failuresOf(news) };
  },
  async diff(_id: string, olds: D1MigrationsOutputs, news: D1MigrationsInputs) {
    const moved = olds.accountId !== news.accountId || olds.databaseId !== news.databaseId;
    const pending = news.migrations.some((m) => olds.hashes?.[m.name] !== m.sha256);
    // A rotated token must reach the state, or `refresh` would read with the revoked one.
    const rotated = olds.apiToken !== news.apiToken;
    return { changes: moved || pending || rotated, replaces: moved ? ["databaseId"] : [] };
  },
  async create(inputs: D1MigrationsInputs) {
    return { id: `${inputs.databaseId}/migrations`, outs: await run(inputs) };
  },
  /** What `refresh` sees: the files recorded in d1_migrations now (a restored or edited database shows here). */
  async read(id: string, state?: D1MigrationsOutputs) {
    const props = state!;
    const target = { accountId: props.accountId, databaseId: props.databaseId, baseUrl: props.apiBaseUrl, token: props.apiToken };
    let recorded: string[];
    try {
      recorded = await recordedMigrations(target);
    } catch (error) {
      if ((error as ApiError).status === 404) return { id: "" };
      if (!/no such table/.test((error as Error).message)) throw error;
      recorded = [];
    }
    const hashes = Object.fromEntries(Object.entries(props.hashes ?? {}).filter(([name]) => recorded.includes(name)));
    return { id, props: { ...props, recorded, hashes } };
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
