import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readWorkerArtifact } from "../artifacts";
import { readMigrationFiles } from "../migration-files";
import { MAX_NAME_LENGTH, StackNames } from "../names";
import { partsOf } from "../providers/migration-parts";
import { queryBytes, splitStatements } from "../providers/sql-statements";
import { parseJsonc } from "../wrangler/read-jsonc";
import { tempDir } from "./helpers/temp-dir";

const filesIn = (files: Record<string, string>) => {
  const dir = tempDir("infra-unit-");
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
};

describe("parseJsonc", () => {
  test("drops comments and trailing commas but never touches strings", () => {
    const text = `{
      // line comment
      "url": "http://example.com/*not-a-comment*/", /* block
      comment */ "list": [1, 2,],
      "quote": "a \\"// b\\"",
    }`;
    expect(parseJsonc(text)).toEqual({ url: "http://example.com/*not-a-comment*/", list: [1, 2], quote: 'a "// b"' });
  });

  test("reports a syntax error with the file name", () => {
    expect(() => parseJsonc('{ "a": }', "x/wrangler.jsonc")).toThrow(/^x\/wrangler\.jsonc: /);
    expect(() => parseJsonc("{ /* open", "y.jsonc")).toThrow(/y\.jsonc: unterminated block comment/);
  });
});

describe("StackNames", () => {
  test("joins project, stack and unit", () => {
    expect(new StackNames("workers-users", "staging").of("session")).toBe("workers-users-staging-session");
  });

  test("names that had to be cleaned keep a hash of the original, so they stay apart", () => {
    const a = new StackNames("workers-users", "pr_42").of("site");
    const b = new StackNames("workers-users", "pr.42").of("site");
    expect(a).toMatch(/^workers-users-pr-42-[0-9a-f]{6}-site$/);
    expect(a).not.toBe(b);
    expect(new StackNames("workers-users", "Dev").prefix).not.toBe(new StackNames("workers-users", "dev").prefix);
  });

  test(`refuses a name over ${MAX_NAME_LENGTH} characters`, () => {
    // "workers-users-" (14) + stack + "-session" (8)
    expect(new StackNames("workers-users", "s".repeat(36)).of("session")).toHaveLength(58);
    expect(() => new StackNames("workers-users", "s".repeat(37)).of("session")).toThrow(/longer than 58/);
  });

  test("rate limit namespace ids differ per stack and stay positive integers", () => {
    const ids = ["dev", "staging", "staging-pr42"].map((s) => new StackNames("workers-users", s).rateLimitNamespace("1001"));
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[1-9]\d*$/);
  });
});

describe("readMigrationFiles", () => {
  test("reads NNNN_verb_noun.sql files in order with their hashes", () => {
    const dir = filesIn({ "0002_add_b.sql": "B;", "0001_create_a.sql": "A;", "README.md": "x" });
    expect(readMigrationFiles(dir).map((m) => [m.name, m.sql])).toEqual([["0001_create_a.sql", "A;"], ["0002_add_b.sql", "B;"]]);
  });

  test.each([
    [{ "1_create_a.sql": "A;" }, /NNNN_verb_noun\.sql/],
    [{ "0001_Create_A.sql": "A;" }, /NNNN_verb_noun\.sql/],
    [{ "0001_create_a.sql": "A;", "0001_create_b.sql": "B;" }, /two migrations are numbered 0001/],
    [{ "0001_create_a.sql": "  \n" }, /empty migration/],
  ])("refuses %o", (files, message) => {
    expect(() => readMigrationFiles(filesIn(files))).toThrow(message);
  });
});

describe("readWorkerArtifact", () => {
  test("takes .wasm as a CompiledWasm part and skips source maps", () => {
    const dir = filesIn({ "index.js": "export default {}", "index.js.map": "{}", "a.wasm": "\0asm" });
    const artifact = readWorkerArtifact(join(dir, "index.js"));
    expect(Object.keys(artifact.files)).toEqual(["a.wasm"]);
    expect(artifact.files["a.wasm"]!.contentType).toBe("application/wasm");
  });

  test("refuses a file it has no module type for, and a folder", () => {
    expect(() => readWorkerArtifact(join(filesIn({ "index.js": "", "data.bin": "" }), "index.js"))).toThrow(/data\.bin: no module type/);
    const dir = filesIn({ "index.js": "" });
    mkdirSync(join(dir, "chunks"));
    expect(() => readWorkerArtifact(join(dir, "index.js"))).toThrow(/unexpected folder chunks/);
  });
});

describe("splitStatements", () => {
  test("splits at semicolons outside strings, quoted names, comments and trigger bodies", () => {
    const sql = [
      "-- a comment; not a statement",
      "INSERT INTO t (a, \"b;c\") VALUES ('x;y', 'it''s; fine'); /* ; */",
      "CREATE TRIGGER t_au AFTER UPDATE ON t BEGIN",
      "  UPDATE t SET a = CASE WHEN new.a = ';' THEN 'x' ELSE new.a END WHERE rowid = new.rowid;",
      "  DELETE FROM u;",
      "END;",
      "SELECT 1",
      "-- trailing comment only",
    ].join("\n");
    const statements = splitStatements(sql);
    expect(statements).toHaveLength(3);
    expect(statements[0]).toMatch(/^-- a comment; not a statement\nINSERT INTO t .* 'it''s; fine'\);$/);
    expect(statements[1]).toMatch(/^\/\* ; \*\/\nCREATE TRIGGER t_au[\s\S]*DELETE FROM u;\nEND;$/);
    expect(statements[2]).toBe("SELECT 1\n-- trailing comment only");
  });

  test("parts hold whole statements, stay within the request size and record themselves", () => {
    const sql = Array.from({ length: 40 }, (_, i) => `INSERT INTO n VALUES (${i});`).join("\n");
    const parts = partsOf("d1_migrations", "0001_seed_n.sql", "abc", sql, 600);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(queryBytes(part.sql)).toBeLessThanOrEqual(600);
    expect(parts.map((p) => splitStatements(p.sql).filter((s) => s.startsWith("INSERT INTO n")).length).reduce((a, b) => a + b)).toBe(40);
    expect(parts.at(-1)!.sql).toMatch(/INSERT INTO d1_migrations \(name\) VALUES \('0001_seed_n\.sql'\);\nDELETE FROM d1_migrations_progress/);
    expect(parts[0]!.sql).toMatch(/INSERT INTO d1_migrations_progress \(name, part, sha256\) VALUES \('0001_seed_n\.sql', 0, 'abc'\);$/);
  });
});
