/**
 * `npm test`: the Workers built for the suites, then every suite, with two checks running
 * beside them instead of before them: the type check (`tsc -b`, ~20 s of CPU on a fresh
 * clone) and the check that generated files are current (`types:check`: wrangler's binding
 * types and the OpenAPI document with its typed client, ~6 s, which only reads). The suites
 * leave part of the two cores idle while browsers and stacks wait on each other, and the
 * checks fill it. Any of them failing fails the run; a check's output is printed when it
 * fails, after the suites, so it does not interleave with theirs.
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
  const checks = [
    { name: "Generated files check (npm run types:check)", done: run("npm", ["run", "--silent", "types:check"], { quiet: true }) },
    { name: "Type check (tsc -b)", done: run("npx", ["tsc", "-b"], { quiet: true }) },
  ];
  const built = await run("npm", ["run", "--silent", "build:test"]);
  const suites = built.code === 0 ? await run("npx", ["vitest", "run", ...process.argv.slice(2)], { env: { WORKERS_USERS_BUILT: "1" } }) : built;
  let code = suites.code;
  for (const check of checks) {
    const result = await check.done;
    if (result.code === 0) continue;
    process.stderr.write(`\n${result.output}\n${check.name} failed: the run fails.\n`);
    code ||= result.code;
  }
  return code;
}

process.exitCode = await main();
