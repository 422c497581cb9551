/**
 * The floor with what the design adds to every check's read: the role map as a
 * second key, fetched in the same bulk KV read as the session record.
 */
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { ROLE_MAP_KEY } from "../../workers/session/src/role-map-key";

const app = new Hono<{ Bindings: { SESSIONS: KVNamespace } }>();

app.get("*", async (c) => {
  const token = getCookie(c, "__Host-session");
  if (!token) return c.json({ error: "no cookie" }, 401);
  const key = `floor:${token}`;
  const values = await c.env.SESSIONS.get([key, ROLE_MAP_KEY], "text");
  const value = values.get(key);
  if (value === null || value === undefined) return c.json({ error: "no session" }, 401);
  return c.body(`{"session":${value},"roles":${values.get(ROLE_MAP_KEY) ?? "null"}}`, 200, { "Content-Type": "application/json" });
});

export default app;
