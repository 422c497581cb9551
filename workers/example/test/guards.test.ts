import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import app from "../src/index";
import { CROSS_SITE_HEADERS } from "../../shared/test/support/worker-requests";
import { addNote, call, member, notesOf, ORIGIN, problemOf } from "./helpers";

afterEach(() => vi.restoreAllMocks());

describe("CSRF: changes must come from the site's own pages", () => {
  it.each(CROSS_SITE_HEADERS)("refuses a POST with %j: 403 CROSS_SITE_REQUEST, nothing stored", async (headers) => {
    const { cookie } = await member(["user"]);
    const res = await call("POST", "/example/notes", { cookie, headers, body: { text: "forged" } });
    expect(res.status).toBe(403);
    expect((await problemOf(res)).code).toBe("CROSS_SITE_REQUEST");
    expect(await notesOf(cookie)).toEqual([]);
  });

  it("refuses a cross-site DELETE and keeps the note", async () => {
    const { cookie } = await member(["user"]);
    const note = await addNote(cookie, "keep me");
    const res = await call("DELETE", `/example/notes/${note.id}`, { cookie, headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect(await notesOf(cookie)).toEqual([note]);
  });

  it("accepts what the site's own pages send", async () => {
    const { cookie } = await member(["user"]);
    const headers = { origin: ORIGIN, "sec-fetch-site": "same-origin" };
    expect((await call("POST", "/example/notes", { cookie, headers, body: { text: "ok" } })).status).toBe(201);
  });
});

describe("failures", () => {
  const broken = {
    get: () => Promise.reject(new Error("Network connection lost.")),
    getStrict: () => Promise.reject(new Error("Network connection lost.")),
  };

  it("fails closed with 503 SERVICE_UNAVAILABLE when the session Worker is unreachable", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { cookie } = await member(["user"]);
    const request = new Request(`${ORIGIN}/example/notes`, { headers: { cookie } });
    const res = await app.fetch(request, { ...env, SESSION: broken as never }, createExecutionContext());
    expect(res.status).toBe(503);
    expect((await problemOf(res)).code).toBe("SERVICE_UNAVAILABLE");
  });

  it("answers unknown paths with 404 problem+json, and marks every answer no-store", async () => {
    const res = await call("GET", "/example/nope");
    expect(res.status).toBe(404);
    expect((await problemOf(res)).code).toBe("NOT_FOUND");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { cookie } = await member(["user"]);
    expect((await call("GET", "/example/notes", { cookie })).headers.get("cache-control")).toBe("no-store");
  });
});
