import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { MigrationFile } from "../migration-files";
import { D1Migrations } from "../providers/d1-migrations";

export interface DatabaseArgs {
  accountId: string;
  /** Cloudflare-side name, e.g. `workers-users-staging-db`. */
  databaseName: string;
  /** D1 region hint (wnam, enam, weur, eeur, apac, oc); Cloudflare picks when absent. Read at creation only. */
  locationHint: string | undefined;
  /** Refuse deletion and replacement of the database (Pulumi's `protect`). */
  protect: boolean;
  /** The files of migrations/, applied in order during `pulumi up`. */
  migrations: MigrationFile[];
  apiToken: pulumi.Input<string>;
  apiBaseUrl: string;
}

/**
 * The D1 database both Workers share, with its migrations applied in the same
 * run, recorded in wrangler's `d1_migrations` table.
 *
 * @example
 * const db = new Database("database", { accountId, databaseName: names.of("db"), locationHint: undefined, protect: true, migrations, apiToken, apiBaseUrl });
 * // Workers that need the schema: { dependsOn: [db.migrations] }
 */
export class Database extends pulumi.ComponentResource {
  readonly database: cloudflare.D1Database;
  readonly migrations: D1Migrations;
  readonly databaseId: pulumi.Output<string>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("workers-users:index:Database", name, {}, opts);
    this.database = this.createDatabase(name, args);
    this.databaseId = this.database.uuid;
    this.migrations = this.createMigrations(name, args);
    this.registerOutputs({ databaseId: this.databaseId, migrations: this.migrations.recorded });
  }

  private createDatabase(name: string, args: DatabaseArgs): cloudflare.D1Database {
    return new cloudflare.D1Database(
      `${name}-d1`,
      {
        accountId: args.accountId,
        name: args.databaseName,
        ...(args.locationHint ? { primaryLocationHint: args.locationHint } : {}),
      },
      // A database cannot move: a new hint would replace it, and every account in it with it.
      { parent: this, protect: args.protect, ignoreChanges: ["primaryLocationHint"] },
    );
  }

  private createMigrations(name: string, args: DatabaseArgs): D1Migrations {
    return new D1Migrations(
      `${name}-migrations`,
      {
        accountId: args.accountId,
        databaseId: this.databaseId,
        apiToken: args.apiToken,
        apiBaseUrl: args.apiBaseUrl,
        migrations: args.migrations,
      },
      { parent: this },
    );
  }
}
