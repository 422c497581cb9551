import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HttpProblem, problemResponse } from "@workers-users/shared";
import { sameOrigin, session } from "@workers-users/shared/hono";
import { notFound, onError } from "./http/errors";
import { BODY_LIMIT_BYTES } from "./limits";
import { notes } from "./notes";
import type { AppEnv } from "./types";

const app = new Hono<AppEnv>();

app.use("*", async function noStore(c, next) {
  await next();
  c.header("Cache-Control", "no-store");
});
// Cheap refusals first: a cross-site or oversized request never costs a session lookup.
app.use("*", sameOrigin());
app.use("*", bodyLimit({ maxSize: BODY_LIMIT_BYTES, onError: () => problemResponse(new HttpProblem("PAYLOAD_TOO_LARGE")) }));
app.use("*", session());

app.route("/example/notes", notes);

app.onError(onError);
app.notFound(notFound);

export default app satisfies ExportedHandler<Env>;
