import * as pulumi from "@pulumi/pulumi";
import { expect, test } from "vitest";

import { UserService } from "../../components/user-service";
import { D1Migrations } from "../../providers/d1-migrations";
import { StackNames } from "../../names";
import { readDeclarations } from "../../declarations";
import { readWorkerArtifact } from "../../artifacts";
import { fixtureBuild } from "../helpers/fixture-build";
import { ROOT, settle } from "../helpers/run-program";

test("pulumi.isSecret holds for the secret binding's Worker and for the providers' token", async () => {
  await pulumi.runtime.setMocks(
    { newResource: ({ name, inputs }) => ({ id: `${name}-id`, state: inputs }), call: () => ({}) },
    "workers-users",
    "secrets",
    false,
  );
  const declaration = readDeclarations(ROOT).user;
  const user = new UserService("user", {
    accountId: "e".repeat(32),
    names: new StackNames("workers-users", "secrets"),
    declaration,
    artifact: readWorkerArtifact(fixtureBuild().user.main),
    targets: {
      kvNamespaces: {},
      d1Databases: { "workers-users": "db" },
      services: { "workers-users-session": "session", "workers-users-passkeys": "passkeys" },
      vars: {},
      secrets: { RESEND_API_KEY: pulumi.secret("re_key") },
      queues: { "workers-users-mail": { id: "q1", name: "mail" }, "workers-users-mail-dead-letter": { id: "q2", name: "mail-dlq" } },
      rateLimitNamespace: (id) => id,
    },
    dependsOn: [],
  });
  const migrations = new D1Migrations("migrations", {
    accountId: "e".repeat(32),
    databaseId: "db",
    apiToken: "plain-in-config-by-mistake",
    apiBaseUrl: "http://127.0.0.1:9",
    migrations: [],
  });
  const token = (migrations as unknown as { apiToken: pulumi.Output<string> }).apiToken;
  expect(await pulumi.isSecret(user.script.bindings)).toBe(true);
  expect(await pulumi.isSecret(token)).toBe(true);
  expect(await pulumi.isSecret(user.scriptName)).toBe(false);
  expect(await settle(user.scriptName)).toBe("workers-users-secrets-user");
  await Promise.race([pulumi.runtime.disconnect(), new Promise((resolve) => setTimeout(resolve, 1000))]);
});
