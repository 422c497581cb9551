import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { sameOrigin } from "../../src/hono";
import { problemOf, ORIGIN } from "./fake-session-binding";

function app(options?: Parameters<typeof sameOrigin>[0]) {
  const app = new Hono();
  app.use("*", sameOrigin(options));
  app.all("/notes", (c) => c.text("done"));
  return app;
}

const send = (method: string, headers: Record<string, string>, options?: Parameters<typeof sameOrigin>[0]) =>
  app(options).request(`${ORIGIN}/notes`, { method, headers });

describe("sameOrigin()", () => {
  it.each([
    ["POST", { origin: "https://evil.example" }],
    ["DELETE", { origin: "https://evil.example" }],
    ["PUT", { origin: "null" }],
    ["PATCH", { origin: "http://app.example.com" }],
    ["POST", { "sec-fetch-site": "cross-site" }],
    ["POST", { "sec-fetch-site": "same-site" }],
    ["POST", { origin: ORIGIN, "sec-fetch-site": "cross-site" }],
  ])("refuses %s with %j: 403 CROSS_SITE_REQUEST", async (method, headers) => {
    const res = await send(method, headers);
    expect(res.status).toBe(403);
    expect(await problemOf(res)).toMatchObject({ code: "CROSS_SITE_REQUEST", status: 403 });
  });

  it.each([
    ["POST", { origin: ORIGIN, "sec-fetch-site": "same-origin" }],
    ["DELETE", { "sec-fetch-site": "none" }],
    ["POST", {}],
    ["GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
    ["HEAD", { "sec-fetch-site": "cross-site" }],
  ])("accepts %s with %j", async (method, headers) => {
    expect((await send(method, headers)).status).toBe(200);
  });

  it("accepts an origin listed in allowedOrigins, and only that one", async () => {
    const allowedOrigins = ["https://www.example.com"];
    expect((await send("POST", { origin: "https://www.example.com" }, { allowedOrigins })).status).toBe(200);
    expect((await send("POST", { origin: "https://other.example.com" }, { allowedOrigins })).status).toBe(403);
  });
});
