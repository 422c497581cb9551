import * as pulumi from "@pulumi/pulumi";
import { build, ROOT, type BuildOutputs } from "../scripts/build";
import { readWorkerArtifact } from "./artifacts";
import { AppWorker } from "./components/app-worker";
import { Database } from "./components/database";
import { SessionStore } from "./components/session-store";
import { Site } from "./components/site";
import { UserService } from "./components/user-service";
import { readStackConfig, type StackConfig } from "./config";
import { checkVarNames, readDeclarations, sharedDatabase, workerUnits, type Declarations } from "./declarations";
import { readMigrationFiles } from "./migration-files";
import { StackNames } from "./names";
import { readSiteManifest } from "./site-manifest";
import { stackOutputs } from "./stack-outputs";
import { stackVars } from "./stack-vars";
import type { BindingTargets } from "./wrangler/bindings";
import { pagesDeploymentConfig } from "./wrangler/pages-config";

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
 * Worker and any app Worker, the Pages site with its content. Every binding comes
 * from the units' wrangler.jsonc files; every Cloudflare-side name carries project and stack.
 */
export default async function main(program: Program = { root: ROOT, build }) {
  const stack = await prepare(program);
  const database = createDatabase(stack);
  const [siteWorkers, resolveSiteWorkers] = pulumi.deferredOutput<string[]>();
  const site = createSite(stack, database, siteWorkers);
  const targets = workerTargets(stack, database, site);
  const session = createSessionStore(stack, targets, database);
  const sessionTargets = { ...targets, services: { ...targets.services, [stack.declarations.session.name]: session.scriptName } };
  const user = createUserService(stack, sessionTargets, database);
  const apps = createAppWorkers(stack, sessionTargets, database);
  resolveSiteWorkers(pulumi.all([user.scriptName, ...apps.map((a) => a.scriptName)]));
  return stackOutputs({ config: stack.config, names: stack.names, database, session, user, apps, site });
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
    migrations: readMigrationFiles(sharedDatabase(declarations).migrationsDir),
  });
}

// Service targets are the names the scripts will have, known before they exist:
// the Pages project must not wait for the Workers, whose APP_URL waits for it.
function serviceNames({ names, declarations }: Stack): Record<string, pulumi.Input<string>> {
  return Object.fromEntries(workerUnits(declarations).map(([unit, w]) => [w.name, names.of(unit)]));
}

function createSite(stack: Stack, database: Database, siteWorkers: pulumi.Output<string[]>): Site {
  const targets: BindingTargets = {
    kvNamespaces: {},
    d1Databases: { [sharedDatabase(stack.declarations).databaseName]: database.databaseId },
    services: serviceNames(stack),
    vars: stack.config.vars,
    secrets: {},
    rateLimitNamespace: (id) => stack.names.rateLimitNamespace(id),
  };
  return new Site("site", {
    ...stack.api,
    projectName: stack.names.of("site"),
    declaration: stack.declarations.site,
    deploymentConfig: pagesDeploymentConfig(stack.declarations.site, targets),
    manifest: readSiteManifest(stack.dist.site.dir),
    apiWorkers: siteWorkers,
    customDomain: stack.config.customDomain,
  });
}

/** What every Worker's bindings point at; a var applies to each Worker that declares it. */
function workerTargets(stack: Stack, database: Database, site: Site): BindingTargets {
  return {
    kvNamespaces: {},
    d1Databases: { [sharedDatabase(stack.declarations).databaseName]: database.databaseId },
    services: serviceNames(stack),
    vars: { ...stack.config.vars, ...stackVars(stack.config), APP_URL: site.url },
    secrets: {},
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
  });
}

function createUserService(stack: Stack, targets: BindingTargets, database: Database): UserService {
  return new UserService("user", {
    ...stack.api,
    names: stack.names,
    declaration: stack.declarations.user,
    artifact: artifactOf(stack.dist, "user"),
    targets: { ...targets, secrets: stack.config.secrets.user ?? {} },
    dependsOn: [database.migrations],
  });
}

function createAppWorkers(stack: Stack, targets: BindingTargets, database: Database): AppWorker[] {
  return Object.entries(stack.declarations.apps).map(
    ([unit, declaration]) =>
      new AppWorker(unit, {
        ...stack.api,
        names: stack.names,
        declaration,
        artifact: artifactOf(stack.dist, unit),
        targets: { ...targets, secrets: stack.config.secrets[unit] ?? {} },
        dependsOn: [database.migrations],
      }),
  );
}

function artifactOf(dist: BuildOutputs, unit: string) {
  const built = (dist as Record<string, { main: string } | undefined>)[unit];
  if (!built) throw new Error(`scripts/build.ts builds no dist/${unit}: add workers/${unit} to it`);
  return readWorkerArtifact(built.main);
}
