import { seededRandom } from "./stats";

export interface Timed {
  ms: number;
  status: number;
  body: string;
}

/** Wall-clock time of one request until its whole body has arrived. */
export async function timed(send: () => Promise<Response>): Promise<Timed> {
  const start = performance.now();
  const res = await send();
  const body = await res.text();
  return { ms: performance.now() - start, status: res.status, body };
}

export interface Samples {
  a: Timed[];
  b: Timed[];
}

/**
 * n pairs, one request of each kind per pair, in a random (seeded) order, one
 * request at a time: slow drifts of the machine's load hit both kinds alike.
 * `settle` runs before each request, outside its time: it waits for what the
 * previous request left running (its mail), which no answer may depend on.
 */
export async function samplePairs(
  n: number,
  a: (i: number) => Promise<Response>,
  b: (i: number) => Promise<Response>,
  seed: number,
  settle: () => Promise<unknown> = async () => undefined,
): Promise<Samples> {
  const random = seededRandom(seed);
  const samples: Samples = { a: [], b: [] };
  const sample = async (kind: "a" | "b", send: () => Promise<Response>) => {
    await settle();
    samples[kind].push(await timed(send));
  };
  for (let i = 0; i < n; i++) {
    const order = random() < 0.5 ? (["a", "b"] as const) : (["b", "a"] as const);
    for (const kind of order) await sample(kind, () => (kind === "a" ? a(i) : b(i)));
  }
  return samples;
}

export const latencies = (timed: Timed[]) => timed.map((t) => t.ms);
