import { StackNames } from "../../names";
import { ACCOUNT_ID, MOCK_SIGNING_KEYS, SECRETS } from "../helpers/stack-constants";

/**
 * What a person deploying the `staging` stack with wrangler would write: each
 * wrangler.jsonc of the repository with the stack's names, ids and vars filled
 * in. The ids are the ones the mock engine gives this stack's resources
 * (test/helpers/run-program.ts), so wrangler and the program target the same ones.
 */
export const STAGING = {
  accountId: ACCOUNT_ID,
  token: SECRETS.apiToken,
  databaseId: "uuid-database-d1",
  databaseName: "workers-users-staging-db",
  kvNamespaces: { SESSIONS: "session-sessions-kv-id" } as Record<string, string>,
  projectName: "workers-users-staging-site",
  vars: {
    ENVIRONMENT: "staging",
    APP_URL: "https://workers-users-staging-site-x1y.pages.dev",
    EMAIL_PROVIDER: "resend",
    EMAIL_FROM: "App <no-reply@example.com>",
    ADMIN_EMAILS: "admin@example.com,ops@example.com",
  } as Record<string, string>,
  secrets: { user: { RESEND_API_KEY: SECRETS.resendApiKey, TOKEN_SIGNING_KEYS: MOCK_SIGNING_KEYS, MFA_ENCRYPTION_KEY: SECRETS.mfaKey } } as Record<string, Record<string, string>>,
};

const names = new StackNames("workers-users", "staging");
/** `workers-users-session` in a wrangler.jsonc is `workers-users-staging-session` in the stack. */
export const deployedName = (wranglerName: string) => wranglerName.replace(/^workers-users-/, "workers-users-staging-");

export function stackWorkerConfig(raw: Record<string, any>, main: string): Record<string, unknown> {
  const { $schema: _schema, ...config } = raw;
  return {
    ...config,
    name: deployedName(raw.name),
    main,
    no_bundle: true,
    ...(raw.d1_databases && {
      d1_databases: raw.d1_databases.map((d: Record<string, string>) => ({ ...d, database_name: STAGING.databaseName, database_id: STAGING.databaseId })),
    }),
    ...(raw.kv_namespaces && { kv_namespaces: raw.kv_namespaces.map((k: { binding: string }) => ({ ...k, id: STAGING.kvNamespaces[k.binding] })) }),
    ...(raw.services && { services: raw.services.map((s: { service: string }) => ({ ...s, service: deployedName(s.service) })) }),
    ...(raw.vars && { vars: Object.fromEntries(Object.entries(raw.vars).map(([k, v]) => [k, STAGING.vars[k] ?? v])) }),
    ...(raw.queues && { queues: stackQueues(raw.queues) }),
    ...(raw.ratelimits && {
      ratelimits: raw.ratelimits.map((r: { namespace_id: string }) => ({ ...r, namespace_id: names.rateLimitNamespace(r.namespace_id) })),
    }),
  };
}

export function stackSiteConfig(raw: Record<string, any>): Record<string, unknown> {
  const { $schema: _schema, ...config } = raw;
  return { ...config, name: STAGING.projectName, services: raw.services.map((s: { service: string }) => ({ ...s, service: deployedName(s.service) })) };
}

export function stackD1Config(migrationsDir: string): Record<string, unknown> {
  return {
    name: "d1-check",
    compatibility_date: "2026-04-20",
    d1_databases: [{ binding: "DB", database_name: STAGING.databaseName, database_id: STAGING.databaseId, migrations_dir: migrationsDir }],
  };
}

/** Every queue name of a `queues` block with the stack's names, as the program names its queues. */
function stackQueues(queues: { producers?: { queue: string }[]; consumers?: { queue: string; dead_letter_queue?: string }[] }) {
  return {
    ...(queues.producers && { producers: queues.producers.map((p) => ({ ...p, queue: deployedName(p.queue) })) }),
    ...(queues.consumers && {
      consumers: queues.consumers.map((c) => ({
        ...c,
        queue: deployedName(c.queue),
        ...(c.dead_letter_queue && { dead_letter_queue: deployedName(c.dead_letter_queue) }),
      })),
    }),
  };
}
