/**
 * The shared middleware alone, as an adopting app's Worker runs it: session()
 * over the SESSION service binding, requirePermission("notes:read"), and a
 * tiny JSON answer (the example Worker's notes list adds a D1 query on top).
 */
import { Hono } from "hono";
import { requirePermission, session, type SessionVariables } from "../../workers/shared/src/hono/index";

const app = new Hono<{ Bindings: { SESSION: unknown }; Variables: SessionVariables }>();

app.use("*", session());
app.get("*", requirePermission("notes:read"), (c) => c.json({ user: { id: c.var.user.id } }));

export default app;
