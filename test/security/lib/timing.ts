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
 */
export async function samplePairs(
  n: number,
  a: (i: number) => Promise<Response>,
  b: (i: number) => Promise<Response>,
  seed: number,
): Promise<Samples> {
  const random = seededRandom(seed);
  const samples: Samples = { a: [], b: [] };
  for (let i = 0; i < n; i++) {
    if (random() < 0.5) {
      samples.a.push(await timed(() => a(i)));
      samples.b.push(await timed(() => b(i)));
    } else {
      samples.b.push(await timed(() => b(i)));
      samples.a.push(await timed(() => a(i)));
    }
  }
  return samples;
}

export const latencies = (timed: Timed[]) => timed.map((t) => t.ms);
