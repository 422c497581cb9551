// The Argon2 binding, the hasher, the PHC format and the password policy: one file of tests,
// so one workerd start (each test file gets a workerd of its own, about 2.5 s of CPU here).
// password/wasm-memory.test.ts stays apart: it measures the WASM memory of a fresh isolate.
import "./password/argon2-wasm";
import "./password/hasher";
import "./password/interop";
import "./password/phi-ag-wrapper-utf8-bug";
import "./password/policy";
