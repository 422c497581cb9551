import wasm from "@phi-ag/argon2/argon2.wasm";
import type { Argon2Params } from "./hasher";

// Our own binding to the libargon2 build shipped by @phi-ag/argon2. Its JS wrapper passes
// `password.length` (UTF-16 code units) as the UTF-8 byte length, which silently truncates
// non-ASCII passwords; here every length is a byte length.

interface Argon2Exports {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(size: number): number;
  free(ptr: number): void;
  argon2_hash(
    t: number, m: number, p: number,
    pwd: number, pwdLen: number, salt: number, saltLen: number,
    hash: number, hashLen: number, encoded: number, encodedLen: number,
    type: number, version: number,
  ): number;
  argon2_verify(encoded: number, pwd: number, pwdLen: number, type: number): number;
  argon2_encodedlen(t: number, m: number, p: number, saltLen: number, hashLen: number, type: number): number;
}

const ARGON2ID = 2;
const VERSION_13 = 0x13;
const HASH_BYTES = 32;
const ARGON2_OK = 0;
const ARGON2_MEMORY_ALLOCATION_ERROR = -22;

// Headroom above the largest Argon2 block area for the small buffers of one call.
const HEAP_SLACK_BYTES = 64 * 1024;

let instance: Argon2Exports | undefined;
let reservedBytes = 0;

/** One instance per isolate: calls are synchronous, so concurrent requests take turns on it. */
function argon2(): Argon2Exports {
  if (!instance) {
    const exports = new WebAssembly.Instance(wasm, {}).exports as unknown as Argon2Exports;
    exports._initialize();
    instance = exports;
  }
  return instance;
}

/** Runs `fn` against the instance; a trap leaves its heap in an unknown state, so drop it. */
function withInstance<T>(fn: (a: Argon2Exports) => T): T {
  const a = argon2();
  try {
    return fn(a);
  } catch (error) {
    instance = undefined;
    reservedBytes = 0;
    throw error;
  }
}

/**
 * libargon2 takes its memory blocks from the top of the heap, after the small buffers of the
 * call, and those differ between hash and verify. Growing the heap once by a little more than
 * the blocks need keeps every later call inside it; without this the first verify after a
 * hash grows linear memory by a second full block area (and WASM memory never shrinks).
 */
function reserve(a: Argon2Exports, memoryKiB: number): void {
  const bytes = memoryKiB * 1024 + HEAP_SLACK_BYTES;
  if (bytes <= reservedBytes) return;
  const ptr = a.malloc(bytes);
  if (ptr === 0) throw new Error("argon2: out of WASM memory");
  a.free(ptr);
  reservedBytes = bytes;
}

function copyIn(a: Argon2Exports, bytes: Uint8Array, nulTerminated = false): number {
  // At least one byte: malloc(0) may legally return 0, which would look like a failure.
  const ptr = a.malloc(Math.max(1, bytes.length + (nulTerminated ? 1 : 0)));
  if (ptr === 0) throw new Error("argon2: out of WASM memory");
  const heap = new Uint8Array(a.memory.buffer);
  heap.set(bytes, ptr);
  if (nulTerminated) heap[ptr + bytes.length] = 0;
  return ptr;
}

function readCString(a: Argon2Exports, ptr: number, max: number): string {
  const heap = new Uint8Array(a.memory.buffer, ptr, max);
  const end = heap.indexOf(0);
  return new TextDecoder().decode(heap.subarray(0, end < 0 ? max : end));
}

/** Argon2id v1.3 of `password` (raw bytes) with `salt`; returns the PHC string. */
export function argon2idHash(password: Uint8Array, salt: Uint8Array, cost: Argon2Params): string {
  return withInstance((a) => {
    const { memoryKiB: m, iterations: t, parallelism: p } = cost;
    reserve(a, m);
    const encodedLen = a.argon2_encodedlen(t, m, p, salt.length, HASH_BYTES, ARGON2ID);
    const ptrs: number[] = [];
    try {
      const pwd = copyIn(a, password);
      ptrs.push(pwd);
      const saltPtr = copyIn(a, salt);
      ptrs.push(saltPtr);
      const out = copyIn(a, new Uint8Array(HASH_BYTES + encodedLen));
      ptrs.push(out);
      const encoded = out + HASH_BYTES;
      const code = a.argon2_hash(
        t, m, p, pwd, password.length, saltPtr, salt.length,
        out, HASH_BYTES, encoded, encodedLen, ARGON2ID, VERSION_13,
      );
      if (code !== ARGON2_OK) throw new Error(`argon2_hash failed (${code})`);
      return readCString(a, encoded, encodedLen);
    } finally {
      for (const ptr of ptrs) a.free(ptr);
    }
  });
}

/**
 * Checks `password` (raw bytes) against an Argon2id PHC string whose `m=` is `memoryKiB`.
 * libargon2 recomputes the hash and compares it in constant time, so the answer's timing
 * says nothing about how much of the hash matched. Any failure other than running out of
 * memory is a plain `false`.
 */
export function argon2idVerify(phc: string, password: Uint8Array, memoryKiB: number): boolean {
  return withInstance((a) => {
    reserve(a, memoryKiB);
    const ptrs: number[] = [];
    try {
      const encoded = copyIn(a, new TextEncoder().encode(phc), true);
      ptrs.push(encoded);
      const pwd = copyIn(a, password);
      ptrs.push(pwd);
      const code = a.argon2_verify(encoded, pwd, password.length, ARGON2ID);
      if (code === ARGON2_MEMORY_ALLOCATION_ERROR) throw new Error("argon2: out of WASM memory");
      return code === ARGON2_OK;
    } finally {
      for (const ptr of ptrs) a.free(ptr);
    }
  });
}

/** Current size of the instance's linear memory (bytes); tests use it to prove reuse. */
export function wasmMemoryBytes(): number {
  return argon2().memory.buffer.byteLength;
}
