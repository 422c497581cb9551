// What Node and the benchmark Workers agree on (no runtime-specific types here).

/** Hash i of an `op=hash` request is of `${BENCH_PASSWORD} ${i}`; `op=verify` checks it as is. */
export const BENCH_PASSWORD = "correct horse battery staple";

/** Upper bound on the operations one request may ask for. */
export const MAX_OPS_PER_REQUEST = 20;

/** A password outside ASCII (composed accents and an emoji, already NFKC-normal). */
export const NON_ASCII_PASSWORD = "pässwörd 🔑";
