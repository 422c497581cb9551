import type * as pulumi from "@pulumi/pulumi";
import { AccountFake } from "../fakes/account-fake";
import { ofType, runProgram } from "../helpers/run-program";
import { unwrap } from "../helpers/secret-walk";
import { STAGING } from "./stack-configs";

type Provider = pulumi.dynamic.ResourceProvider;
const FAST = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

/**
 * What the program sends for the staging stack: its resource inputs under the
 * mock engine, and the requests its real providers make with those inputs
 * against a fresh fake account with the same project and database.
 */
export async function programSide(providers: { pages: Provider; d1: Provider }) {
  const program = await runProgram({ stack: "staging" });
  const inputs = (suffix: string) => {
    const { __provider: _stub, ...rest } = unwrap(ofType(program.resources, suffix)[0]!.inputs) as Record<string, unknown>;
    return rest;
  };
  const account = new AccountFake(STAGING.accountId, STAGING.token, { strict: false });
  account.pages.createProject(STAGING.projectName, "main");
  account.pages.pollsUntilDone = 1;
  const database = account.d1.add(STAGING.databaseName, STAGING.databaseId);
  const api = { apiBaseUrl: await account.start(), apiToken: STAGING.token };
  try {
    await providers.pages.create({ ...inputs(":PagesDeployment"), ...api, poll: FAST, retry: FAST });
    await providers.d1.create({ ...inputs(":D1Migrations"), ...api, databaseId: STAGING.databaseId });
  } finally {
    await account.stop();
  }
  const requests = account.http.requests;
  const json = (r: (typeof requests)[number]) => JSON.parse(r.body.toString("utf8"));
  const pagesRequests = requests.filter((r) => r.path.includes("/pages/"));
  return {
    script: (name: string) => unwrap(program.resources.find((r) => r.name === name)!.inputs) as Record<string, any>,
    pages: {
      deployment: account.pages.deployments[0]!,
      requests: pagesRequests.map((r) => `${r.method} ${r.path}${r.query}`),
      bodies: (suffix: string) => pagesRequests.filter((r) => r.path.endsWith(suffix)).map(json),
    },
    d1: {
      queries: requests.filter((r) => r.path.endsWith("/query")).map((r) => json(r).sql as string),
      recorded: (database.db.prepare("SELECT name FROM d1_migrations ORDER BY id").all() as { name: string }[]).map((r) => r.name),
    },
  };
}

/** Each Pages call by what it does, repeats folded: the sequence of steps. */
export function steps(lines: string[]): string[] {
  const named = lines.map((line) => {
    const [method, path] = line.split(" ") as [string, string];
    const step = /\/pages\/assets\/([a-z-]+)/.exec(path)?.[1] ?? /\/(upload-token|deployments(\/[^/?]+)?)(\?|$)/.exec(path)?.[1]?.replace(/\/[^/]+$/, "/:id") ?? "project";
    return `${method} ${step}`;
  });
  return named.filter((s, i) => s !== named[i - 1]);
}

/** SQL compared as D1 runs it: whitespace and case of keywords do not matter. */
export const normalSql = (sql: string) => sql.replace(/\s+/g, " ").trim().toLowerCase();

/** The migration file a query records, if it records one. */
export const fileOf = (sql: string) => /insert into d1_migrations \(name\) values \('([^']+)'\)/.exec(normalSql(sql))?.[1];
