// The security invariants the user Worker keeps (authorization, failing closed, hostile input,
// tokens at rest, the KV revocation window): one file of tests, so one workerd start (each test
// file gets a workerd of its own, about 2.5 s of CPU here). security/sign-in-abuse.test.ts stays
// apart: it fakes the clock for every test.
import "./security/authorization";
import "./security/fail-closed";
import "./security/hostile-input";
import "./security/kv-window";
import "./security/token-storage";
