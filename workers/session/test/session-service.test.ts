import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { seedUser, meta } from "./helpers";

const service = exports.SessionService;

describe("create and get", () => {
  it("returns a 43-character token and reads the session back", async () => {
    const user = await seedUser();
    const { token, session } = await service.create(user, meta);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const read = await service.get(token);
    expect(read?.id).toBe(session.id);
    expect(read?.user.email).toBe(user.email);
  });
});
