import * as pulumi from "@pulumi/pulumi";
import type { MigrationFile } from "../migration-files";
import { d1MigrationsProvider } from "./d1-migrations-provider";

export interface D1MigrationsArgs {
  accountId: pulumi.Input<string>;
  databaseId: pulumi.Input<string>;
  apiToken: pulumi.Input<string>;
  apiBaseUrl: pulumi.Input<string>;
  migrations: MigrationFile[];
}

/** The migrations of one D1 database, applied in the same `pulumi up` that deploys the Workers. */
export class D1Migrations extends pulumi.dynamic.Resource {
  declare readonly recorded: pulumi.Output<string[]>;
  declare readonly appliedNow: pulumi.Output<string[]>;

  constructor(name: string, args: D1MigrationsArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      d1MigrationsProvider,
      name,
      { ...args, apiToken: pulumi.secret(args.apiToken), recorded: undefined, appliedNow: undefined },
      { ...opts, additionalSecretOutputs: ["apiToken"] },
      "workers-users",
      "D1Migrations",
    );
  }
}
