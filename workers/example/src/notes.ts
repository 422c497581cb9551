import { Hono } from "hono";
import * as z from "zod";
import { HttpProblem, nowSeconds } from "@workers-users/shared";
import { requirePermission } from "@workers-users/shared/hono";
import { createNote, deleteNote, listNotes } from "./db/notes";
import { jsonBody } from "./http/json-body";
import type { AppEnv } from "./types";

export const NOTE_MAX_CHARS = 1000;
export const NOTES_LIST_LIMIT = 100;

// Counted in code points, as a person counts characters (an emoji is one).
const NoteInput = z.object({
  text: z
    .string()
    .refine((text) => text.trim().length > 0, "Write something")
    .refine((text) => [...text].length <= NOTE_MAX_CHARS, `At most ${NOTE_MAX_CHARS} characters`),
});


/** The notes of the signed-in user: each route names the permission it needs. */
export const notes = new Hono<AppEnv>()
  .get("/", requirePermission("notes:read"), async (c) => {
    return c.json({ notes: await listNotes(c.env.DB, c.var.user.id, NOTES_LIST_LIMIT) });
  })
  .post("/", requirePermission("notes:write"), jsonBody(NoteInput), async (c) => {
    const note = await createNote(c.env.DB, c.var.user.id, c.req.valid("json").text, nowSeconds());
    if (note === null) throw new HttpProblem("UNAUTHENTICATED");
    return c.json({ note }, 201);
  })
  .delete("/:id", requirePermission("notes:write"), async (c) => {
    if (!(await deleteNote(c.env.DB, c.var.user.id, c.req.param("id")))) throw new HttpProblem("NOT_FOUND");
    return c.body(null, 204);
  });
