import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// One temp folder for the whole run (fixture builds, repository copies), removed at the end.
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "infra-tests-"));
  process.env.INFRA_TEST_TMP = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
