import type { Context } from "hono";

const pending = new Set<Promise<void>>();

/**
 * Runs `work` after the response is sent. Register and forgot-password answer
 * before any email work, so their timing cannot tell which addresses have
 * accounts. Failures are logged by label only: the work handles links with tokens.
 */
export function defer(c: Context, label: string, work: () => Promise<void>): void {
  // A macrotask later: none of the work runs before the answer has left.
  const task: Promise<void> = new Promise<void>((resolve) => setTimeout(resolve, 0))
    .then(work)
    .catch((error: unknown) => console.error(`deferred ${label} failed:`, error instanceof Error ? error.name : "error"))
    .finally(() => pending.delete(task));
  pending.add(task);
  c.executionCtx.waitUntil(task);
}

/** Waits for deferred work of this isolate: the local mailbox reads after mail is written. */
export async function settleDeferred(): Promise<void> {
  await Promise.allSettled([...pending]);
}
