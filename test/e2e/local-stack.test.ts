import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { build, buildDir, DIST, layout, workerFolders } from "../../scripts/build";
import type { LocalStack } from "../../scripts/lib/local-stack";
import { freePort } from "../../scripts/lib/ports";
import { fillPages, siteSettings } from "../../scripts/lib/site-settings";
import { npmStartOptions, startLocalStack } from "../../scripts/start";

/** GET /api/health until it answers 200; how it answered before that (status, or 0 for nothing). */
async function waitForHealth(url: string, starting: Promise<unknown>): Promise<number[]> {
  const seen: number[] = [];
  let failed = false;
  starting.catch(() => (failed = true));
  // Bounded: 30 s, far beyond a start on this machine (about 2 s).
  for (let i = 0; i < 1500 && !failed; i++) {
    const status = await fetch(`${url}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) return seen;
    seen.push(status);
    await sleep(20);
  }
  throw new Error(failed ? "the stack failed to start" : "no healthy answer in 30 s");
}

// `npm start` as a newcomer runs it: its own port, a fresh state folder, a build of its own.
describe("npm start's stack", () => {
  let port: number;
  let state: string;
  let options: ReturnType<typeof npmStartOptions>;
  let starting: Promise<LocalStack>;
  let url: string;
  const printed: string[] = [];

  /** Waits (at most 5 s) for a line of npm start's console matching `pattern`. */
  async function printedLine(pattern: RegExp): Promise<string> {
    for (let i = 0; i < 250; i++) {
      const line = printed.find((l) => pattern.test(l));
      if (line !== undefined) return line;
      await sleep(20);
    }
    throw new Error(`no line matching ${pattern} in:\n${printed.join("\n")}`);
  }

  beforeAll(async () => {
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    state = await mkdtemp(join(tmpdir(), "workers-users-start-"));
    options = npmStartOptions({ PORT: String(port), RATE_LIMIT_IP: "off" });
    starting = startLocalStack({ ...options, persistDir: join(state, "v3"), print: (line) => printed.push(line) });
  });

  afterAll(async () => {
    await (await starting.catch(() => null))?.stop();
    await Promise.all([state, options.dist!].map((dir) => rm(dir, { recursive: true, force: true })));
  });

  test("answers nothing before it can serve: a register sent right after the first healthy answer is accepted", async () => {
    const before = await waitForHealth(url, starting);
    expect(before.filter((status) => status !== 0)).toEqual([]);
    const response = await fetch(`${url}/api/auth/register`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: `first-${port}@example.com`, password: "a long enough passphrase" }),
    });
    expect(response.status).toBe(202);
    await starting;
  });

  test("prints a line per request and one per mail, with its subject and link", async () => {
    await starting;
    expect(await printedLine(/^POST \/api\/auth\/register 202 /)).toMatch(/\(\d+ms\)$/);
    const mail = await printedLine(/^mail to first-/);
    expect(mail).toMatch(new RegExp(`^mail to first-${port}@example.com: Confirm your email address  ${url}/verify\\?token=[\\w-]{43}$`));
  });

  test("on a damaged local database, says what happened and how to start over", async () => {
    await starting;
    const persistDir = join(state, "damaged");
    await mkdir(join(persistDir, "d1", "miniflare-D1DatabaseObject"), { recursive: true });
    await writeFile(join(persistDir, "d1", "miniflare-D1DatabaseObject", "metadata.sqlite"), "not a database".repeat(300));
    const damaged = startLocalStack({ port: 0, persistDir, dist: options.dist, skipBuild: true });
    await expect(damaged).rejects.toThrow(`the local state under ${persistDir} is not readable (SQLITE_NOTADB`);
    await expect(damaged).rejects.toThrow(`rm -rf ${persistDir}`);
  });

  test("a second start on its port stops before building, saying which variable to set", async () => {
    await starting;
    const second = startLocalStack({ ...npmStartOptions({ PORT: String(port) }), persistDir: join(state, "second"), dist: join(state, "never-built") });
    await expect(second).rejects.toThrow(`port ${port} is in use: set PORT=`);
  });

  test("keeps serving its pages while the tests' build and another build are written", async () => {
    const stack = await starting;
    // The folders `npm test` and the Pulumi program build into are not this stack's.
    expect(options.dist).not.toBe(buildDir("test"));
    expect(options.dist).not.toBe(DIST);
    await build(join(state, "another-build"));
    for (const path of ["/login", "/assets/login.js", "/api/health"]) {
      expect((await fetch(`${stack.url}${path}`)).status, path).toBe(200);
    }
  });
});

describe("the Workers of a stack", () => {
  test("are every workers/<name> with a wrangler.jsonc: a new folder needs no entry in the build or the stack", async () => {
    const root = await mkdtemp(join(tmpdir(), "workers-users-root-"));
    try {
      for (const [folder, files] of [["notes", ["wrangler.jsonc"]], ["shared", ["package.json"]], ["billing", ["wrangler.jsonc"]]] as const) {
        await mkdir(join(root, "workers", folder), { recursive: true });
        for (const file of files) await writeFile(join(root, "workers", folder, file), "{}");
      }
      expect(workerFolders(root)).toEqual(["billing", "notes"]);
      // This repository's: the two of the template and the example, built and served by name.
      expect(workerFolders()).toEqual(expect.arrayContaining(["example", "session", "user"]));
      expect(Object.keys(layout("/built")).sort()).toEqual([...workerFolders(), "site"].sort());
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("the pages' settings", () => {
  test("come from the user Worker's wrangler.jsonc, escaped, and an unknown placeholder fails the build", async () => {
    expect(siteSettings()).toEqual({ APP_NAME: "workers-users", PASSWORD_MIN_LENGTH: "12", PASSWORD_MAX_LENGTH: "128" });
    const dir = await mkdtemp(join(tmpdir(), "workers-users-pages-"));
    try {
      await writeFile(join(dir, "a.html"), "<title>Sign in · %APP_NAME%</title><input minlength=\"%PASSWORD_MIN_LENGTH%\">");
      await fillPages(dir, { APP_NAME: "Acme <Notes>", PASSWORD_MIN_LENGTH: "15", PASSWORD_MAX_LENGTH: "64" });
      expect(await readFile(join(dir, "a.html"), "utf8")).toBe('<title>Sign in · Acme &lt;Notes&gt;</title><input minlength="15">');
      await writeFile(join(dir, "b.html"), "%LOGO%");
      await expect(fillPages(dir, { APP_NAME: "x", PASSWORD_MIN_LENGTH: "12", PASSWORD_MAX_LENGTH: "128" })).rejects.toThrow("b.html: unknown placeholder %LOGO%");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

