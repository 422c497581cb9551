/**
 * What the benchmark must undo, newest first. `undo()` runs the steps on
 * success and on failure. On Ctrl-C, wrangler (imported by the local stack)
 * exits the process at once from its own signal handler, so each step may also
 * give a synchronous last resort, run when the process exits.
 */
interface Step { run(): Promise<unknown>; atExit?: () => void }

const steps: Step[] = [];

export function onCleanup(run: () => Promise<unknown>, atExit?: () => void): void {
  steps.push({ run, atExit });
}

export async function undo(): Promise<void> {
  while (steps.length > 0) await steps.pop()!.run().catch((error) => console.error("cleanup:", error));
}

process.on("exit", () => {
  for (const step of steps.reverse()) {
    try {
      step.atExit?.();
    } catch {
      // Already gone.
    }
  }
});
