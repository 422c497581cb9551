// Candidate (a): the project's hasher, i.e. our binding of @phi-ag/argon2's wasm.
import { wasmMemoryBytes } from "../../../workers/user/src/password/argon2-wasm";
import { createHasher, OWASP_ARGON2 } from "../../../workers/user/src/password/hasher";
import { benchWorker } from "./bench-worker";

const hasher = createHasher(OWASP_ARGON2);

export default benchWorker({
  hash: (password) => hasher.hash(password),
  verify: (phc, password) => hasher.verify(phc, password),
  dummyVerify: (password) => hasher.dummyVerify(password),
  memoryBytes: wasmMemoryBytes,
});
