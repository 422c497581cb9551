/**
 * Local stack only: the queued mail this isolate has not delivered yet, so the dev
 * mailbox can answer once what is in flight has landed. Deployed stacks never track
 * (their consumer may run in another isolate, and nothing reads the mailbox there).
 */
const inFlight = new Map<string, { done: Promise<void>; settle: () => void }>();

export function trackMail(key: string): void {
  let settle = () => undefined as void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  inFlight.set(key, { done, settle });
}

/** Delivered or dead-lettered: nothing more will happen to it. */
export function settleMail(key: string): void {
  inFlight.get(key)?.settle();
  inFlight.delete(key);
}

/** Waits for the mail in flight, at most `boundMs`; true when all of it landed. */
export async function mailSettled(boundMs: number): Promise<boolean> {
  if (inFlight.size === 0) return true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), boundMs)));
  const all = Promise.all([...inFlight.values()].map((m) => m.done)).then(() => true);
  try {
    return await Promise.race([all, timeout]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
