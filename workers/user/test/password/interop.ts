import { describe, expect, it } from "vitest";
import { createHasher, OWASP_ARGON2 } from "../../src/password/hasher";

// Made once in Node with @node-rs/argon2 2.2.1 (native libargon2 port):
//   hashSync(PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: Argon2id })
// The reverse direction (our hash verified by @node-rs/argon2) is checked by
// scripts/bench/argon2.ts, which runs in Node and fails if it does not hold.
const PASSWORD = "Grüße, 世界! correct horse 🐎";
const NODE_RS_PHC =
  "$argon2id$v=19$m=19456,t=2,p=1$pItPoKk0fFl56daEdtQMBA$cxHaXK0iVrwWA7oM+6hPDIznIldIlDr9UJri5J+ZGNo";

describe("interoperability with @node-rs/argon2", () => {
  const hasher = createHasher(OWASP_ARGON2);

  it("verifies a PHC string produced by @node-rs/argon2", async () => {
    expect(await hasher.verify(NODE_RS_PHC, PASSWORD)).toBe(true);
    expect(hasher.needsRehash(NODE_RS_PHC)).toBe(false);
  });

  it("rejects the wrong password against it", async () => {
    expect(await hasher.verify(NODE_RS_PHC, PASSWORD.replace("🐎", "🐴"))).toBe(false);
  });
});
