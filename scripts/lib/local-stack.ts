/**
 * The local stack: the site and every Worker under workers/ on workerd (Miniflare)
 * with local KV, D1 and queues, wired from each wrangler.jsonc exactly as deployed
 * stacks are.
 */
import { join } from "node:path";
import type { D1Database } from "@cloudflare/workers-types";
import { Miniflare, type MiniflareOptions, type WorkerOptions } from "miniflare";
import { unstable_getMiniflareWorkerOptions as workerOptionsFrom } from "wrangler";
import { build, DIST, layout, ROOT, workerFolders, type BuildOutputs } from "../build";
import { ROLE_MAP_KEY } from "../../workers/session/src/role-map-key";
import { routesJson } from "../../site/src/routes";
import { startDevIdentityProvider, type DevIdentityProvider } from "./dev-identity-provider";
import { applyMigrations, readMigrations } from "./migrations";
import { assertPortFree, freePort } from "./ports";
import { corruptStateError, isCorruptStateError, outboxLine, stackConsole, type Print } from "./stack-console";
import { localMfaKey, localSigningKeys } from "./token-keys";

export interface LocalStackOptions {
  /** 0 picks a free port. Default: $PORT or 8787. */
  port?: number;
  /** Where KV and D1 persist. Default: .wrangler/state under the repo (git-ignored). */
  persistDir?: string;
  /** Extra vars for the user Worker (ADMIN_EMAILS, RATE_LIMIT_IP, ...). */
  env?: Record<string, string>;
  /**
   * Default true: the user Worker gets the local stack's marker (ENVIRONMENT=local),
   * which enables the dev outbox and RATE_LIMIT_IP=off. False runs it with the vars
   * its wrangler.jsonc ships, as `wrangler deploy` would: the tests of failing closed.
   */
  local?: boolean;
  /** Limits of the user Worker's rate-limiting bindings by name, replacing its wrangler.jsonc's (the benchmark's load). */
  ratelimits?: Record<string, { limit: number; period: 10 | 60 }>;
  /** The build to serve (and to build into): default dist/. Each consumer has its own (scripts/build.ts `buildDir`). */
  dist?: string;
  /** Skip the build when it is known to be fresh. Default: true when WORKERS_USERS_BUILT=1 (set by `npm test` after its one build). */
  skipBuild?: boolean;
  /**
   * Runs the local OpenID provider (scripts/lib/dev-identity-provider.ts) beside the stack and
   * configures it as sign-in provider `dev` (`npm start` and the browser suite). Default: false.
   * Never with `local: false`, a stack that runs as deployed.
   */
  devIdentityProvider?: boolean;
  /** npm start's console: one line per request and per mail goes here. Default: none (the test suites). */
  print?: Print;
  /** More Workers in the same workerd process, after the stack's own (the benchmark's reference Workers). */
  extraWorkers?: (url: string) => WorkerOptions[];
}

export interface LocalStack {
  url: string;
  mailboxUrl: string;
  /** The local OpenID provider's issuer, when it runs. */
  identityProviderUrl: string | null;
  appliedMigrations: string[];
  miniflare: Miniflare;
  stop(): Promise<void>;
}

function ratelimitsOf(limits: LocalStackOptions["ratelimits"] = {}) {
  return Object.fromEntries(Object.entries(limits).map(([name, simple]) => [name, { simple }]));
}

/** The user Worker's vars and secret for provider `dev`. */
function devProviderBindings(provider: DevIdentityProvider | null): Record<string, string> {
  if (provider === null) return {};
  const settings = { dev: { issuer: provider.issuer, clientId: provider.clientId, name: "Dev" } };
  return { OAUTH_PROVIDERS: JSON.stringify(settings), OAUTH_DEV_CLIENT_SECRET: provider.clientSecret };
}

function fromConfig(path: string): WorkerOptions {
  return workerOptionsFrom(join(ROOT, path)).workerOptions as WorkerOptions;
}

/** Each Worker under workers/ as its wrangler.jsonc declares it, served from its build; `user` adds the user Worker's local settings. */
function discoveredWorkers(outputs: BuildOutputs, user: (declared: WorkerOptions) => Partial<WorkerOptions>): WorkerOptions[] {
  return workerFolders().map((folder) => {
    const declared = fromConfig(`workers/${folder}/wrangler.jsonc`);
    return {
      ...declared,
      name: declared.name ?? `workers-users-${folder}`,
      modules: true,
      scriptPath: outputs[folder]!.main,
      ...(folder === "user" ? user(declared) : {}),
    } as WorkerOptions;
  });
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const asked = options.port ?? Number(process.env.PORT ?? 8787);
  if (asked !== 0) await assertPortFree(asked);
  const dist = options.dist ?? DIST;
  // One build per test run: rebuilding under a running stack would swap its files away.
  if (!(options.skipBuild ?? process.env.WORKERS_USERS_BUILT === "1")) await build(dist);
  const outputs = layout(dist);
  const port = asked === 0 ? await freePort() : asked;
  const url = `http://127.0.0.1:${port}`;
  const persist = options.persistDir ?? join(ROOT, ".wrangler", "state", "v3");
  const withDevProvider = options.devIdentityProvider === true && options.local !== false;
  const devProvider = withDevProvider ? await startDevIdentityProvider({ redirectUris: [`${url}/api/auth/oauth/dev/callback`] }) : null;

  const site = fromConfig("site/wrangler.jsonc");
  const signingKeys = await localSigningKeys(persist);
  const mfaEncryptionKey = await localMfaKey(persist);
  let db: D1Database | undefined;
  const output = stackConsole(options.print, async (key) => (db ? outboxLine(db, key) : null));
  const config: MiniflareOptions = {
    host: "127.0.0.1",
    port,
    log: output.log,
    handleRuntimeStdio: output.handleRuntimeStdio,
    // No request to Cloudflare for the `request.cf` object: the stack runs offline.
    cf: false,
    kvPersist: join(persist, "kv"),
    d1Persist: join(persist, "d1"),
    workers: [
      {
        ...site,
        name: "workers-users-site",
        modules: true,
        scriptPath: outputs.site.main,
        assets: {
          directory: outputs.site.dir,
          binding: "ASSETS",
          // As Pages with the build's _routes.json: only the gateway's routes run it, static files
          // are served without it (with the headers of dist/site/_headers).
          routerConfig: { has_user_worker: true, static_routing: { user_worker: routesJson().include, asset_worker: routesJson().exclude } },
          // Unknown paths get site/public/404.html, as Pages serves them.
          assetConfig: { not_found_handling: "404-page" },
        },
      },
      ...discoveredWorkers(outputs, (user) => ({
        // The breached-password check calls a third-party API: off on a laptop (and offline
        // tests), on in deployed stacks. Pass BREACHED_PASSWORD_CHECK=on in `env` to try it.
        // ENVIRONMENT=local is the local stack's marker: without it the Worker behaves as deployed.
        bindings: {
          ...user.bindings,
          ...(options.local === false ? {} : { ENVIRONMENT: "local" }),
          APP_URL: url,
          RESEND_API_KEY: "",
          TOKEN_SIGNING_KEYS: signingKeys,
          MFA_ENCRYPTION_KEY: mfaEncryptionKey,
          BREACHED_PASSWORD_CHECK: "off",
          ...devProviderBindings(devProvider),
          ...options.env,
        },
        ratelimits: { ...user.ratelimits, ...ratelimitsOf(options.ratelimits) },
      })),
      ...(options.extraWorkers?.(url) ?? []),
    ],
  };
  // A port someone may be polling (npm start's) opens only once the migrations are applied:
  // until then the stack listens on a port nobody knows, so no request meets a missing table.
  const miniflare = new Miniflare(asked === 0 ? config : { ...config, port: 0 });
  let appliedMigrations: string[];
  try {
    await miniflare.ready;
    const database = async () => (await miniflare.getD1Database("DB", "workers-users-user")) as unknown as D1Database;
    appliedMigrations = await applyMigrations(await database(), await readMigrations(join(ROOT, "migrations")));
    // Migrations may change grants: let the session Worker rebuild its role map from D1.
    await (await miniflare.getKVNamespace("SESSIONS", "workers-users-session")).delete(ROLE_MAP_KEY);
    if (asked !== 0) await miniflare.setOptions(config);
    // After setOptions the runtime is a new one: bindings are taken again.
    db = await database();
  } catch (error) {
    await miniflare.dispose().catch(() => undefined);
    await devProvider?.close().catch(() => undefined);
    throw output.corruptState || isCorruptStateError(error) ? corruptStateError(persist, error) : error;
  }
  return {
    url,
    mailboxUrl: `${url}/mailbox`,
    identityProviderUrl: devProvider?.issuer ?? null,
    appliedMigrations,
    miniflare,
    stop: async () => {
      await miniflare.dispose();
      await devProvider?.close();
    },
  };
}
