/** Longest reason passed back: enough for the library's messages, bounded for the audit log. */
const MAX_REASON = 200;

/**
 * A response that fails verification is an expected outcome, not a bug: the library throws
 * on every mismatch (origin, RP ID, challenge, signature, counter), and the caller gets why.
 */
export function invalid(error: unknown): { type: "invalid"; reason: string } {
  const reason = error instanceof Error ? error.message : "verification failed";
  return { type: "invalid", reason: reason.slice(0, MAX_REASON) };
}
