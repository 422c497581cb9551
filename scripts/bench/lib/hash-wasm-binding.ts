/**
 * Our own binding to hash-wasm 4.13.0's Argon2 and BLAKE2b WebAssembly (extracted at build
 * time, see hash-wasm-extract.ts). hash-wasm's `Hash_Calculate` fills the block area; the
 * pre-hash H0, the first two blocks of each lane and the final tag are BLAKE2b work done here
 * (RFC 9106, section 3.2). Unlike hash-wasm's own JS, which instantiates a fresh module and
 * memory on every call, one instance of each module serves every call of the isolate.
 */
import { toPhcBase64 } from "../../../workers/user/src/password/phc";

interface Argon2Exports {
  memory: WebAssembly.Memory;
  Hash_GetBuffer(): number;
  Hash_SetMemorySize(totalBytes: number): number;
  Hash_Calculate(length: number, memoryKiB: number): void;
}
interface Blake2bExports {
  memory: WebAssembly.Memory;
  Hash_GetBuffer(): number;
  Hash_Init(bits: number): void;
  Hash_Update(size: number): void;
  Hash_Final(): void;
}
export interface Cost { memoryKiB: number; iterations: number; parallelism: number }

const ARGON2ID = 2;
const VERSION_13 = 0x13;
const BLOCK = 1024;
const BLAKE_CHUNK = 16 * 1024; // the BLAKE2b module's input buffer
const PRE_ALLOCATED = 512 * 1024; // Hash_GetBuffer reserves this much on its first call

function le32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

export function hashWasmArgon2id(argon2Module: WebAssembly.Module, blake2bModule: WebAssembly.Module) {
  let a: Argon2Exports | undefined;
  let b: Blake2bExports | undefined;
  let base = 0;
  let reserved = 0;

  function blake2b(outBytes: number, ...parts: Uint8Array[]): Uint8Array {
    b ??= new WebAssembly.Instance(blake2bModule, {}).exports as unknown as Blake2bExports;
    const buf = b.Hash_GetBuffer();
    b.Hash_Init(outBytes * 8);
    for (const part of parts) {
      for (let off = 0; off < part.length; off += BLAKE_CHUNK) {
        const chunk = part.subarray(off, off + BLAKE_CHUNK);
        new Uint8Array(b.memory.buffer, buf, chunk.length).set(chunk);
        b.Hash_Update(chunk.length);
      }
    }
    b.Hash_Final();
    return new Uint8Array(b.memory.buffer, buf, outBytes).slice();
  }

  /** H' of RFC 9106, section 3.3: a hash of any length from BLAKE2b-512 chained. */
  function hPrime(outBytes: number, ...input: Uint8Array[]): Uint8Array {
    if (outBytes <= 64) return blake2b(outBytes, le32(outBytes), ...input);
    const r = Math.ceil(outBytes / 32) - 2;
    const out = new Uint8Array(outBytes);
    let v = blake2b(64, le32(outBytes), ...input);
    out.set(v.subarray(0, 32), 0);
    for (let i = 1; i < r; i++) {
      v = blake2b(64, v);
      out.set(v.subarray(0, 32), i * 32);
    }
    out.set(blake2b(outBytes - 32 * r, v), r * 32);
    return out;
  }

  /** Grows the block area once to the largest size asked for; later calls reuse it. */
  function blockArea(memoryKiB: number): Argon2Exports {
    if (!a) {
      a = new WebAssembly.Instance(argon2Module, {}).exports as unknown as Argon2Exports;
      base = a.Hash_GetBuffer();
      if (base === 0) throw new Error("hash-wasm argon2: out of WASM memory");
      reserved = PRE_ALLOCATED;
    }
    const bytes = memoryKiB * BLOCK + BLOCK; // the last block carries the parameters
    if (bytes > reserved) {
      if (a.Hash_SetMemorySize(bytes) !== 0) throw new Error("hash-wasm argon2: out of WASM memory");
      reserved = bytes;
    }
    return a;
  }

  /** The raw Argon2id v1.3 tag of `password` and `salt`. */
  function tag(password: Uint8Array, salt: Uint8Array, cost: Cost, tagBytes: number): Uint8Array {
    const { memoryKiB: m, iterations: t, parallelism: p } = cost;
    const argon2 = blockArea(m);
    const laneBlocks = 4 * Math.floor(m / (4 * p));
    const heap = new Uint8Array(argon2.memory.buffer);
    // The module XORs every new block into what is there (right for passes after the first),
    // so the area must start at zero, as a fresh instance's memory would.
    heap.fill(0, base, base + laneBlocks * p * BLOCK);
    const params = new Uint8Array(24);
    [p, tagBytes, m, t, VERSION_13, ARGON2ID].forEach((n, i) => params.set(le32(n), i * 4));
    heap.set(params, base + m * BLOCK);
    const h0 = blake2b(64, params, le32(password.length), password, le32(salt.length), salt, le32(0), le32(0));
    for (let lane = 0; lane < p; lane++) {
      const first = base + lane * laneBlocks * BLOCK;
      heap.set(hPrime(BLOCK, h0, le32(0), le32(lane)), first);
      heap.set(hPrime(BLOCK, h0, le32(1), le32(lane)), first + BLOCK);
    }
    argon2.Hash_Calculate(0, m);
    // Hash_Calculate leaves the XOR of every lane's last block in the first block.
    return hPrime(tagBytes, new Uint8Array(argon2.memory.buffer, base, BLOCK));
  }

  return {
    hash(password: Uint8Array, salt: Uint8Array, cost: Cost): string {
      const { memoryKiB: m, iterations: t, parallelism: p } = cost;
      return `$argon2id$v=19$m=${m},t=${t},p=${p}$${toPhcBase64(salt)}$${toPhcBase64(tag(password, salt, cost, 32))}`;
    },
    verify(phc: string, password: Uint8Array): boolean {
      const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
      if (!match) return false;
      const [m, t, p] = match.slice(1, 4).map(Number) as [number, number, number];
      const [salt, expected] = [fromBase64(match[4]!), fromBase64(match[5]!)];
      const actual = tag(password, salt, { memoryKiB: m, iterations: t, parallelism: p }, expected.length);
      let diff = 0;
      for (let i = 0; i < expected.length; i++) diff |= expected[i]! ^ actual[i]!;
      return diff === 0;
    },
    memoryBytes: () => a?.memory.buffer.byteLength ?? 0,
  };
}

function fromBase64(unpadded: string): Uint8Array {
  const binary = atob(unpadded + "=".repeat((4 - (unpadded.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
