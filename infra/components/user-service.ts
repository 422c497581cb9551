import type * as pulumi from "@pulumi/pulumi";
import { AppWorker, type AppWorkerArgs } from "./app-worker";

/** `artifact` is index.js and the Argon2 .wasm beside it, uploaded as a CompiledWasm module part. */
export type UserServiceArgs = AppWorkerArgs;

/**
 * The user Worker (the Hono app under /api). It has no public URL of its own:
 * the site's gateway reaches it over a service binding, on the site's origin, and
 * with `apiRoute` a Workers route on the custom domain does too (ApiRoute).
 * Deployed like any app Worker; its own type token keeps it apart in the plan.
 *
 * @example
 * const user = new UserService("user", { accountId, names, declaration, artifact, targets, dependsOn: [migrations] });
 */
export class UserService extends AppWorker {
  constructor(name: string, args: UserServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super(name, args, opts, "workers-users:index:UserService");
  }
}
