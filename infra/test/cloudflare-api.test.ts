import { afterEach, beforeEach, expect, test } from "vitest";
import { cfRequest } from "../providers/cloudflare-api";
import { CloudflareFake, failure, ok } from "./fakes/cloudflare-fake";

const retry = { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 };
let fake: CloudflareFake;
let api: { baseUrl: string; token: string };

beforeEach(async () => {
  fake = new CloudflareFake();
  fake.route("GET", "/ok", () => ok({ value: 1 }));
  fake.route("GET", "/soft-failure", () => ({ status: 200, body: { success: false, errors: [{ code: 1001, message: "nope" }], messages: [], result: null } }));
  fake.route("POST", "/echo", (req) => ok({ auth: req.headers.authorization, type: req.headers["content-type"], body: req.body.toString() }));
  fake.route("GET", "/bad", () => failure(400, 7400, "bad request"));
  api = { baseUrl: await fake.start(), token: "t0k" };
});
afterEach(() => fake.stop());

test("unwraps the result and sends the bearer token and JSON", async () => {
  expect(await cfRequest(api, "GET", "/ok")).toEqual({ value: 1 });
  expect(await cfRequest(api, "POST", "/echo", { a: 1 })).toEqual({ auth: "Bearer t0k", type: "application/json", body: '{"a":1}' });
});

test("an envelope with success: false is an error even with a 200", async () => {
  await expect(cfRequest(api, "GET", "/soft-failure", undefined, retry)).rejects.toThrow("GET /soft-failure: 200 [1001] nope");
  expect(fake.requests).toHaveLength(1);
});

test("a 4xx is not retried", async () => {
  await expect(cfRequest(api, "GET", "/bad", undefined, retry)).rejects.toMatchObject({ status: 400, retryable: false });
  expect(fake.requests).toHaveLength(1);
});

test("a 429's Retry-After is honoured, within the policy's ceiling", async () => {
  fake.failNext(1, 429, { retryAfter: "1" });
  const started = performance.now();
  await cfRequest(api, "GET", "/ok", undefined, { attempts: 2, baseDelayMs: 1, maxDelayMs: 2000 });
  expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  fake.failNext(1, 429, { retryAfter: "3600" });
  const capped = performance.now();
  await cfRequest(api, "GET", "/ok", undefined, { attempts: 2, baseDelayMs: 1, maxDelayMs: 20 });
  expect(performance.now() - capped).toBeLessThan(1000);
});

test("a gateway's HTML error page is reported by status, retried, and cut short", async () => {
  fake.failNext(3, 502);
  await expect(cfRequest(api, "GET", "/ok", undefined, retry)).rejects.toThrow(/^GET \/ok: 502 <html>/);
  expect(fake.requests).toHaveLength(3);
});

test("a refused connection is a retryable network error", async () => {
  await fake.stop();
  await expect(cfRequest(api, "GET", "/ok", undefined, { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 })).rejects.toMatchObject({
    status: 0,
    retryable: true,
    message: expect.stringMatching(/network error/),
  });
});
