/**
 * The floor the session check is measured against: a minimal Hono Worker that
 * reads the session cookie and does one KV get of a value the size of a real
 * session record (the benchmark stores a copy under `floor:<token>`).
 */
import { Hono } from "hono";
import { getCookie } from "hono/cookie";

const app = new Hono<{ Bindings: { SESSIONS: KVNamespace } }>();

app.get("*", async (c) => {
  const token = getCookie(c, "__Host-session");
  if (!token) return c.json({ error: "no cookie" }, 401);
  const value = await c.env.SESSIONS.get(`floor:${token}`);
  if (value === null) return c.json({ error: "no session" }, 401);
  return c.body(value, 200, { "Content-Type": "application/json" });
});

export default app;
