import { Hono } from "hono";

const app = new Hono<{ Bindings: Env }>();
app.get("/api/health", (c) => c.json({ status: "ok" }));

export default app satisfies ExportedHandler<Env>;
