import * as z from "zod";
import { createRoute } from "../openapi";
import { HttpProblem, sessionClient, type SetDataMode } from "@workers-users/shared";
import type { Context } from "hono";
import { requireSession } from "../middleware/session";
import { createRouter } from "../router";
import { body, json, problem, SessionData } from "../schemas";
import type { AppEnv } from "../types";

const DataBody = z.object({ data: SessionData });
const responses = {
  200: json(DataBody, "The session's data"),
  401: problem("UNAUTHENTICATED"),
  413: problem("SESSION_DATA_TOO_LARGE: over 16 KiB serialised"),
};

const getRoute = createRoute({
  method: "get",
  operationId: "getSessionData",
  path: "/data",
  tags: ["session"],
  summary: "The app's state kept in this session",
  middleware: [requireSession()] as const,
  responses: { 200: json(DataBody, "The session's data"), 401: problem("UNAUTHENTICATED") },
});

const putRoute = createRoute({
  method: "put",
  operationId: "replaceSessionData",
  path: "/data",
  tags: ["session"],
  summary: "Replace the session's data",
  middleware: [requireSession()] as const,
  request: { body: body(DataBody) },
  responses,
});

const patchRoute = createRoute({
  method: "patch",
  operationId: "updateSessionData",
  path: "/data",
  tags: ["session"],
  summary: "Merge into the session's data (JSON Merge Patch: null removes a key)",
  middleware: [requireSession()] as const,
  request: { body: body(DataBody) },
  responses,
});

async function write(c: Context<AppEnv>, data: Record<string, unknown>, mode: SetDataMode) {
  const result = await sessionClient(c.env.SESSION).setData(c.get("sessionToken")!, data, mode);
  if (result.type === "not_found") throw new HttpProblem("UNAUTHENTICATED");
  if (result.type === "too_large") {
    throw new HttpProblem("SESSION_DATA_TOO_LARGE", { detail: `Session data is ${result.size} bytes; the limit is ${result.limit}` });
  }
  return result.data;
}

export const sessionData = createRouter()
  .openapi(getRoute, async (c) => {
    const data = await sessionClient(c.env.SESSION).getData(c.get("sessionToken")!);
    if (data === null) throw new HttpProblem("UNAUTHENTICATED");
    return c.json({ data }, 200);
  })
  .openapi(putRoute, async (c) => c.json({ data: await write(c, c.req.valid("json").data, "replace") }, 200))
  .openapi(patchRoute, async (c) => c.json({ data: await write(c, c.req.valid("json").data, "merge") }, 200));
