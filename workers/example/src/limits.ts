// A module of its own: a Worker's main module may export only handlers and entrypoints.
export const BODY_LIMIT_BYTES = 16 * 1024;
