import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh folder inside the run's temp folder (test/global-setup.ts removes it at the end). */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(process.env.INFRA_TEST_TMP ?? tmpdir(), prefix));
}
