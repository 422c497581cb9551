/**
 * Local stack only: the queued mail this isolate has not delivered yet, so the dev
 * mailbox can answer once what is in flight has landed. Deployed stacks never track
 * (their consumer may run in another isolate, and nothing reads the mailbox there).
 */
const inFlight = new Set<string>();

/** How often a waiting mailbox read looks again: keys only, so nothing crosses from the consumer's request to the reader's. */
const LOOK_EVERY_MS = 2;

export function trackMail(key: string): void {
  inFlight.add(key);
}

/** Delivered or dead-lettered: nothing more will happen to it. */
export function settleMail(key: string): void {
  inFlight.delete(key);
}

/** Waits until no mail is in flight, at most `boundMs`; true when all of it landed. */
export async function mailSettled(boundMs: number): Promise<boolean> {
  for (let waited = 0; inFlight.size > 0; waited += LOOK_EVERY_MS) {
    if (waited >= boundMs) return false;
    await new Promise((resolve) => setTimeout(resolve, LOOK_EVERY_MS));
  }
  return true;
}
