import { describe, expect, inject, test, vi } from "vitest";

vi.mock("../../providers/d1-migrations-provider", async () => (await import("../helpers/stub-providers")).stubD1);
vi.mock("../../providers/pages-deployment-provider", async () => (await import("../helpers/stub-providers")).stubPages);

import { createRequire } from "node:module";
import { apiShape, scriptUpload } from "../engine/api-shape";
import { runProgram } from "../helpers/run-program";
import { unwrap } from "../helpers/secret-walk";
import { KEPT } from "./kept-differences";

const capture = inject("wranglerCapture");
const program = await runProgram({ stack: "staging" });
const byName = (name: string) => unwrap(program.resources.find((r) => r.name === name)!.inputs) as Record<string, any>;
const sorted = (bindings: unknown) => [...(bindings as { name: string }[])].sort((a, b) => a.name.localeCompare(b.name));

test("the reference is the wrangler this repository pins", () => {
  const pinned = (createRequire(import.meta.url)("../../../package.json") as { devDependencies: Record<string, string> }).devDependencies.wrangler;
  expect(capture.version).toBe(pinned);
});

describe.each(Object.keys(capture.workers))("the %s Worker, as wrangler deploy uploads it", (unit) => {
  const theirs = capture.workers[unit]!.upload;
  const ours = scriptUpload(byName(`${unit}-script`));

  test("has the same bindings, field by field", () => {
    expect(sorted(ours.metadata.bindings)).toEqual(sorted(theirs.metadata.bindings));
  });

  test("has the same main module, compatibility date and module parts, byte for byte", () => {
    expect(ours.metadata.main_module).toBe(theirs.metadata.main_module);
    expect(ours.metadata.compatibility_date).toBe(theirs.metadata.compatibility_date);
    expect(ours.parts).toEqual(theirs.parts);
  });

  test("turns workers.dev and preview URLs the same way", () => {
    const { enabled, previewsEnabled } = byName(`${unit}-subdomain`);
    expect(apiShape({ enabled, previewsEnabled })).toEqual(theirs.subdomain);
  });

  test("leaves out of the metadata only what is listed as a kept difference", () => {
    const missing = Object.keys(theirs.metadata).filter((key) => !(key in ours.metadata));
    const unexplained = missing.filter((key) => !(key in KEPT.workerMetadata));
    expect(unexplained, "fields wrangler sends and the program does not").toEqual([]);
    if (missing.includes("compatibility_flags")) expect(theirs.metadata.compatibility_flags).toEqual([]);
    if (missing.includes("keep_bindings")) expect(ours.metadata.bindings).toContainEqual(expect.objectContaining({ type: "secret_text" }));
    const extra = Object.keys(ours.metadata).filter((key) => !(key in theirs.metadata));
    expect(extra, "fields the program sends and wrangler does not").toEqual([]);
  });
});
