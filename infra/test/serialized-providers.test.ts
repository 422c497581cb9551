import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { ROOT } from "./helpers/run-program";

// `pulumi up` runs the program with `node --import tsx` (Pulumi.yaml) and stores each
// dynamic provider as serialized closure text; the provider host loads that text
// with require-from-string. This runs that very path in a child process.
test("both dynamic providers survive Pulumi's serialization and work from the loaded text", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "infra/test/serialized/run-serialized.ts"], {
    cwd: ROOT,
    timeout: 25_000,
  });
  const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
  const names = readdirSync(join(ROOT, "migrations")).filter((f) => f.endsWith(".sql")).sort();
  expect(result.recordedInD1).toEqual(names);
  expect(result.migrations.created.outs.appliedNow).toEqual(names);
  expect(result.deployments).toBe(1);
  // The whole program loads and runs under tsx with the real providers serialized in it.
  expect(result.program.serializedProviders).toBe(2);
  const count = (suffix: string) => result.program.types.filter((t: string) => t.endsWith(suffix)).length;
  for (const kind of [":D1Database", ":WorkersKvNamespace", ":PagesProject"]) expect(count(kind), kind).toBe(1);
  expect(count(":WorkersScript")).toBeGreaterThanOrEqual(3); // session, user, example
  expect(count(":WorkersScriptSubdomain")).toBe(count(":WorkersScript"));
  for (const name of ["migrations", "content"]) {
    expect(result[name].diff).toMatchObject({ changes: false });
    // No machine-specific path in the code kept in state: another machine sees no provider change.
    expect(result[name].mentionsRoot).toBe(false);
    expect(result[name].failed).toMatch(/403 \[10000\] Authentication error/);
  }
}, 30_000);
