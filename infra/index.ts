import * as pulumi from "@pulumi/pulumi";
import { build, ROOT, type BuildOutputs } from "../scripts/build";
import { STATIC_UNDER_ROUTES } from "../site/src/routes";
import { readWorkerArtifact } from "./artifacts";
import { ApiRoute } from "./components/api-route";
import { AppWorker } from "./components/app-worker";
import { Database } from "./components/database";
import { Queues } from "./components/queues";
import { SessionStore } from "./components/session-store";
import { Site } from "./components/site";
import { UserService } from "./components/user-service";
import { MfaEncryptionKey } from "./providers/mfa-key";
import { SigningKeys } from "./providers/signing-keys";
import { readStackConfig, type StackConfig } from "./config";
import { checkVarNames, queueNames, readDeclarations, sharedDatabase, workerUnits, type Declarations } from "./declarations";
import { readMigrationFiles } from "./migration-files";
import { StackNames } from "./names";
import { readSiteManifest } from "./site-manifest";
import { stackOutputs } from "./stack-outputs";
import { stackVars } from "./stack-vars";
import type { BindingTargets } from "./wrangler/bindings";
import { pagesBindings } from "./wrangler/pages-bindings";

export interface Program {
  /** The repository root: wrangler.jsonc files and migrations/ are read from it. */
  root: string;
  /** Builds dist/ and says where each unit landed (scripts/build.ts). */
  build: () => Promise<BuildOutputs>;
}

interface Stack {
  config: StackConfig;
  names: StackNames;
  declarations: Declarations;
  dist: BuildOutputs;
  api: { accountId: string; apiToken: pulumi.Output<string>; apiBaseUrl: string };
}

/**
 * One stack: D1 with its migrations, the session Worker with its KV, the user
 * Worker and any app Worker, the Pages site with its content, and with `apiRoute` a
 * Workers route for /api/* on the custom domain. Every binding comes from the units'
 * wrangler.jsonc files; every Cloudflare-side name carries project and stack.
 */
export default async function main(program: Program = { root: ROOT, build }) {
  const stack = await prepare(program);
  const database = createDatabase(stack);
  // The site's content waits for the Workers its gateway binds; the Workers wait for the project's URL.
  const [scripts, resolveScripts] = pulumi.deferredOutput<Record<string, string>>();
  const site = createSite(stack, database, scripts);
  const queues = createQueues(stack);
  const targets = workerTargets(stack, database, site, queues);
  const session = createSessionStore(stack, targets, database);
  const sessionTargets = withScripts(targets, { [stack.declarations.session.name]: session });
  // The Workers the user Worker binds (the passkey Worker) exist before it, as the session Worker does.
  const boundByUser = userServiceTargets(stack.declarations);
  const helpers = createAppWorkers(stack, sessionTargets, database, (unit) => boundByUser.has(unit));
  const named = Object.fromEntries(Object.entries(helpers).map(([unit, w]) => [stack.declarations.apps[unit]!.name, w]));
  const user = createUserService(stack, withScripts(sessionTargets, named), database);
  const apps = { ...helpers, ...createAppWorkers(stack, sessionTargets, database, (unit) => !boundByUser.has(unit)) };
  resolveScripts(deployedScripts(stack.declarations, { session, user, ...apps }));
  const apiRoute = createApiRoute(stack, user);
  return stackOutputs({ config: stack.config, names: stack.names, database, session, user, apps: Object.values(apps), site, apiRoute });
}

async function prepare(program: Program): Promise<Stack> {
  const config = readStackConfig();
  const declarations = readDeclarations(program.root);
  checkVarNames(declarations, [...Object.keys(stackVars(config)), ...Object.keys(config.vars)]);
  const api = { accountId: config.accountId, apiToken: config.apiToken, apiBaseUrl: config.apiBaseUrl };
  return { config, names: new StackNames(config.project, config.stack), declarations, dist: await program.build(), api };
}

function createDatabase({ api, names, config, declarations }: Stack): Database {
  return new Database("database", {
    ...api,
    databaseName: names.of("db"),
    locationHint: config.d1LocationHint,
    protect: config.protect,
    migrations: readMigrationFiles(sharedDatabase(declarations).migrationsDir),
  });
}

function createQueues({ api, names, config, declarations }: Stack): Queues {
  return new Queues("queues", { accountId: api.accountId, names, declared: queueNames(declarations), protect: config.protect });
}

// The names the scripts will have, known before they exist; a Worker that must
// exist first (the session Worker) is bound through its output instead.
function serviceNames({ names, declarations }: Stack): Record<string, pulumi.Input<string>> {
  return Object.fromEntries(workerUnits(declarations).map(([unit, w]) => [w.name, names.of(unit)]));
}

function createSite(stack: Stack, database: Database, scripts: pulumi.Output<Record<string, string>>): Site {
  const units = workerUnits(stack.declarations);
  const targets: BindingTargets = {
    kvNamespaces: {},
    d1Databases: { [sharedDatabase(stack.declarations).databaseName]: database.databaseId },
    services: Object.fromEntries(units.map(([, w]) => [w.name, scripts.apply((s) => s[w.name]!)])),
    vars: stack.config.vars,
    secrets: {},
    queues: {},
    rateLimitNamespace: (id) => stack.names.rateLimitNamespace(id),
  };
  return new Site("site", {
    ...stack.api,
    projectName: stack.names.of("site"),
    declaration: stack.declarations.site,
    bindings: pagesBindings(stack.declarations.site, targets),
    manifest: readSiteManifest(stack.dist.site.dir),
    customDomain: stack.config.customDomain,
  });
}

/** What every Worker's bindings point at; a var applies to each Worker that declares it. */
function workerTargets(stack: Stack, database: Database, site: Site, queues: Queues): BindingTargets {
  return {
    kvNamespaces: {},
    d1Databases: { [sharedDatabase(stack.declarations).databaseName]: database.databaseId },
    services: serviceNames(stack),
    vars: { ...stack.config.vars, ...stackVars(stack.config), APP_URL: site.url },
    secrets: {},
    queues: queues.byName,
    rateLimitNamespace: (id) => stack.names.rateLimitNamespace(id),
  };
}

function createSessionStore(stack: Stack, targets: BindingTargets, database: Database): SessionStore {
  return new SessionStore("session", {
    ...stack.api,
    names: stack.names,
    declaration: stack.declarations.session,
    artifact: artifactOf(stack.dist, "session"),
    targets: { ...targets, secrets: stack.config.secrets.session ?? {} },
    dependsOn: [database.migrations],
    protect: stack.config.protect,
  });
}

function createUserService(stack: Stack, targets: BindingTargets, database: Database): UserService {
  // Protected like the data: deleting it would end every token's validity and the key history.
  const keys = new SigningKeys("token-keys", { generation: stack.config.tokenKeyGeneration }, { protect: stack.config.protect });
  // Protected too: without it no TOTP secret can be read again. A configured key replaces it.
  const mfaKey = stack.config.mfaEncryptionKey ?? new MfaEncryptionKey("mfa-key", { protect: stack.config.protect }).key;
  return new UserService("user", {
    ...stack.api,
    names: stack.names,
    declaration: stack.declarations.user,
    artifact: artifactOf(stack.dist, "user"),
    targets: { ...targets, secrets: { ...(stack.config.secrets.user ?? {}), ...stack.config.oauth.secrets, TOKEN_SIGNING_KEYS: keys.keys, MFA_ENCRYPTION_KEY: mfaKey } },
    dependsOn: [database.migrations],
  });
}

/** With `apiRoute`, the user Worker answers /api/* on the custom domain without the Pages hop. */
function createApiRoute({ config }: Stack, user: UserService): ApiRoute | undefined {
  // config.ts refuses apiRoute without the custom domain and its zone.
  if (!config.apiRoute || !config.customDomain?.zoneId) return undefined;
  const staticPaths = STATIC_UNDER_ROUTES.filter((path) => path.startsWith("/api/"));
  return new ApiRoute("api-route", { zoneId: config.customDomain.zoneId, hostname: config.customDomain.name, script: user.script, staticPaths });
}

/** The app Workers whose unit `only` selects, by unit. */
function createAppWorkers(stack: Stack, targets: BindingTargets, database: Database, only: (unit: string) => boolean): Record<string, AppWorker> {
  const selected = Object.entries(stack.declarations.apps).filter(([unit]) => only(unit));
  return Object.fromEntries(
    selected.map(([unit, declaration]) => [
      unit,
      new AppWorker(unit, {
        ...stack.api,
        names: stack.names,
        declaration,
        artifact: artifactOf(stack.dist, unit),
        targets: { ...targets, secrets: stack.config.secrets[unit] ?? {} },
        dependsOn: [database.migrations],
      }),
    ]),
  );
}

/** App Worker units the user Worker's service bindings name: they must be deployed before it. */
function userServiceTargets(declarations: Declarations): Set<string> {
  const bound = new Set(declarations.user.bindings.flatMap((b) => (b.kind === "service" ? [b.service] : [])));
  return new Set(Object.entries(declarations.apps).flatMap(([unit, w]) => (bound.has(w.name) ? [unit] : [])));
}

/** Targets whose service bindings to these Workers (by wrangler.jsonc name) go through their outputs, so they deploy first. */
function withScripts(targets: BindingTargets, workers: Record<string, { scriptName: pulumi.Output<string> }>): BindingTargets {
  const scripts = Object.fromEntries(Object.entries(workers).map(([name, w]) => [name, w.scriptName]));
  return { ...targets, services: { ...targets.services, ...scripts } };
}

/** Deployed script name by the name each wrangler.jsonc gives its Worker. */
function deployedScripts(declarations: Declarations, workers: Record<string, { scriptName: pulumi.Output<string> }>) {
  return pulumi.output(Object.fromEntries(workerUnits(declarations).map(([unit, w]) => [w.name, workers[unit]!.scriptName])));
}

function artifactOf(dist: BuildOutputs, unit: string) {
  const built = (dist as Record<string, { main: string } | undefined>)[unit];
  if (!built) throw new Error(`the build has no dist/${unit}: scripts/build.ts builds every workers/<name> with a wrangler.jsonc`);
  return readWorkerArtifact(built.main);
}
