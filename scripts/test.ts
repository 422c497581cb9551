/**
 * `npm test`: the generated files checked, the Workers built for the suites, then every
 * suite, with the type check (`tsc -b`) running beside the suites instead of before them.
 * The suites leave part of the two cores idle while browsers and stacks wait on each other,
 * and the type check fills it: on a fresh clone it is ~20 s of CPU that no longer sits on
 * the critical path. Either failing fails the run; the type check's output is printed when
 * it fails, after the suites, so it does not interleave with theirs.
 *
 * Arguments go to vitest: `npm test -- workers/user/test/auth.test.ts`.
 */
import { spawn } from "node:child_process";
import { ROOT } from "./build";

interface Finished {
  code: number;
  output: string;
}

function run(command: string, args: string[], options: { quiet?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function main(): Promise<number> {
  const generated = await run("npm", ["run", "--silent", "types:check"]);
  if (generated.code !== 0) return generated.code;
  const typecheck = run("npx", ["tsc", "-b"], { quiet: true });
  const built = await run("npm", ["run", "--silent", "build:test"]);
  if (built.code !== 0) {
    await typecheck;
    return built.code;
  }
  const suites = await run("npx", ["vitest", "run", ...process.argv.slice(2)], { env: { WORKERS_USERS_BUILT: "1" } });
  const types = await typecheck;
  if (types.code !== 0) {
    process.stderr.write(`\n${types.output}\nType check (tsc -b) failed: the suites ran, but the run fails.\n`);
  }
  return suites.code !== 0 ? suites.code : types.code;
}

process.exitCode = await main();
