import * as pulumi from "@pulumi/pulumi";
import type { ApiRoute } from "./components/api-route";
import type { AppWorker } from "./components/app-worker";
import type { Database } from "./components/database";
import type { SessionStore } from "./components/session-store";
import type { Site } from "./components/site";
import type { UserService } from "./components/user-service";
import type { StackConfig } from "./config";
import type { StackNames } from "./names";

interface Deployed {
  config: StackConfig;
  names: StackNames;
  database: Database;
  session: SessionStore;
  user: UserService;
  apps: AppWorker[];
  site: Site;
  apiRoute: ApiRoute | undefined;
}

/** What `pulumi stack output` shows: where the app is, what was created, how to look at it. No secret. */
export function stackOutputs({ config, names, database, session, user, apps, site, apiRoute }: Deployed) {
  const dbName = names.of("db");
  return {
    siteUrl: site.url,
    pagesDevUrl: site.pagesDevUrl,
    deploymentUrl: site.deployment.url,
    resources: {
      accountId: config.accountId,
      d1DatabaseName: dbName,
      d1DatabaseId: database.databaseId,
      kvNamespaceIds: Object.fromEntries(Object.entries(session.kvNamespaces).map(([binding, kv]) => [binding, kv.id])),
      sessionWorker: session.scriptName,
      userWorker: user.scriptName,
      appWorkers: apps.map((app) => app.scriptName),
      pagesProject: site.project.name,
      ...(apiRoute && { apiRoute: apiRoute.pattern }),
    },
    migrations: database.migrations.recorded,
    commands: {
      openMacos: pulumi.interpolate`open ${site.url}`,
      openLinux: pulumi.interpolate`xdg-open ${site.url}`,
      tailUserWorker: pulumi.interpolate`npx wrangler tail ${user.scriptName}`,
      tailSessionWorker: pulumi.interpolate`npx wrangler tail ${session.scriptName}`,
      listMigrations: `npx wrangler d1 execute ${dbName} --remote --command "SELECT id, name, applied_at FROM d1_migrations ORDER BY id"`,
    },
  };
}
