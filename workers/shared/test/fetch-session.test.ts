import { afterEach, describe, expect, it, vi } from "vitest";
import { authorize, HttpProblem, loadSession, problemResponse, readSessionToken } from "../src/index";
import { fakeSessionBinding, sessionFor, token, ORIGIN } from "./hono/fake-session-binding";

const request = (cookie?: string) => new Request(`${ORIGIN}/notes`, { headers: cookie === undefined ? {} : { cookie } });

afterEach(() => vi.restoreAllMocks());

describe("readSessionToken", () => {
  it("finds the __Host-session cookie among others", () => {
    const tok = token();
    expect(readSessionToken(request(`a=1; __Host-session=${tok}; b=2`))).toBe(tok);
    expect(readSessionToken(request(`__Host-session=${tok}`))).toBe(tok);
  });

  it("takes the first of two cookies with that name", () => {
    const [first, second] = [token(), token()];
    expect(readSessionToken(request(`__Host-session=${first}; __Host-session=${second}`))).toBe(first);
  });

  it.each([undefined, "", "session=abc", "__host-session=abc", "__Host-session=", "__Host-session=a b", `__Host-session=${"a".repeat(129)}`])(
    "finds no token in %j",
    (cookie) => {
      expect(readSessionToken(request(cookie))).toBeNull();
    },
  );
});

describe("loadSession and authorize", () => {
  it("load the cookie's session, or null without one", async () => {
    const tok = token();
    const live = sessionFor(["notes:read"]);
    const SESSION = fakeSessionBinding({ [tok]: live });
    expect(await loadSession(request(`__Host-session=${tok}`), SESSION)).toEqual(live);
    expect(await loadSession(request(), SESSION)).toBeNull();
    await loadSession(request(`__Host-session=${tok}`), SESSION, { strict: true });
    expect(SESSION.calls).toEqual([`get(${tok})`, `getStrict(${tok})`]);
  });

  it("authorize returns the outcome as a union", async () => {
    const tok = token();
    const live = sessionFor(["notes:*"]);
    const SESSION = fakeSessionBinding({ [tok]: live });
    const cookie = `__Host-session=${tok}`;
    expect(await authorize(request(cookie), SESSION, "notes:write")).toEqual({ type: "ok", session: live });
    expect(await authorize(request(cookie), SESSION, "users:read")).toEqual({ type: "forbidden" });
    expect(await authorize(request(), SESSION, "notes:write")).toEqual({ type: "unauthenticated" });
    expect(await authorize(request(`__Host-session=${token()}`), SESSION, "notes:write")).toEqual({ type: "unauthenticated" });
  });

  it("throw a 503 HttpProblem when the session Worker fails, so problemResponse fails closed", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const SESSION = fakeSessionBinding({}, { failing: true });
    const error = await authorize(request(`__Host-session=${token()}`), SESSION, "notes:read").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpProblem);
    expect(problemResponse(error).status).toBe(503);
  });

  it("refuse a missing binding outright", async () => {
    await expect(loadSession(request(), undefined)).rejects.toThrow(TypeError);
  });
});
