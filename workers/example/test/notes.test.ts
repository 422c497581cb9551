import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BODY_LIMIT_BYTES } from "../src/limits";
import { NOTE_MAX_CHARS, NOTES_LIST_LIMIT } from "../src/notes";
import { addNote, call, member, notesOf, problemOf } from "./helpers";

describe("creating notes", () => {
  it("answers 201 with the note, and lists newest first", async () => {
    const { cookie } = await member(["user"]);
    const first = await addNote(cookie, "first");
    const second = await addNote(cookie, "second");
    expect(first.id).not.toBe(second.id);
    expect(Math.abs(first.createdAt - Date.now() / 1000)).toBeLessThan(60);
    expect((await notesOf(cookie)).map((n) => n.text)).toEqual(["second", "first"]);
  });

  it(`accepts exactly ${NOTE_MAX_CHARS} characters, counting an emoji as one`, async () => {
    const { cookie } = await member(["user"]);
    expect((await addNote(cookie, "a".repeat(NOTE_MAX_CHARS))).text).toHaveLength(NOTE_MAX_CHARS);
    expect([...(await addNote(cookie, "🙂".repeat(NOTE_MAX_CHARS))).text]).toHaveLength(NOTE_MAX_CHARS);
  });

  it.each([
    ["a missing text", {}],
    ["an empty text", { text: "" }],
    ["a blank text", { text: "  \n " }],
    ["a text that is not a string", { text: 42 }],
    [`${NOTE_MAX_CHARS + 1} characters`, { text: "a".repeat(NOTE_MAX_CHARS + 1) }],
  ])("refuses %s with 400 VALIDATION_FAILED on the text field", async (_, body) => {
    const { cookie } = await member(["user"]);
    const res = await call("POST", "/example/notes", { cookie, body });
    expect(res.status).toBe(400);
    const problem = await problemOf(res);
    expect(problem.code).toBe("VALIDATION_FAILED");
    expect(problem.errors?.map((e) => e.path)).toEqual(["text"]);
    expect(await notesOf(cookie)).toEqual([]);
  });

  it("refuses a body that is not an object with 400 VALIDATION_FAILED", async () => {
    const { cookie } = await member(["user"]);
    for (const body of ["[]", '"text"', "null"]) {
      expect((await problemOf(await call("POST", "/example/notes", { cookie, body }))).code).toBe("VALIDATION_FAILED");
    }
  });

  it("refuses malformed JSON with 400 INVALID_JSON", async () => {
    const { cookie } = await member(["user"]);
    const res = await call("POST", "/example/notes", { cookie, body: '{"text": ' });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).code).toBe("INVALID_JSON");
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])(
    "refuses a %s body with 415",
    async (type) => {
      const { cookie } = await member(["user"]);
      const res = await call("POST", "/example/notes", { cookie, body: "text=hello", headers: { "content-type": type } });
      expect(res.status).toBe(415);
      expect((await problemOf(res)).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    },
  );

  it(`refuses a body over ${BODY_LIMIT_BYTES} bytes with 413, and accepts one just under`, async () => {
    const { cookie } = await member(["user"]);
    const padded = (bytes: number) => JSON.stringify({ text: "note", pad: "x".repeat(bytes) });
    const over = await call("POST", "/example/notes", { cookie, body: padded(BODY_LIMIT_BYTES) });
    expect(over.status).toBe(413);
    expect((await problemOf(over)).code).toBe("PAYLOAD_TOO_LARGE");
    const under = await call("POST", "/example/notes", { cookie, body: padded(BODY_LIMIT_BYTES - 100) });
    expect(under.status).toBe(201);
  });

  it("answers 401 when the user was deleted while a session was still live, and stores nothing", async () => {
    const { user, cookie } = await member(["user"]);
    await env.DB.prepare("DELETE FROM users WHERE id = ?").bind(user.id).run();
    const res = await call("POST", "/example/notes", { cookie, body: { text: "orphan" } });
    expect(res.status).toBe(401);
    const { count } = (await env.DB.prepare("SELECT count(*) AS count FROM notes WHERE user_id = ?").bind(user.id).first<{ count: number }>())!;
    expect(count).toBe(0);
  });
});

describe("listing and deleting", () => {
  it(`lists at most the ${NOTES_LIST_LIMIT} newest notes`, async () => {
    const { user, cookie } = await member(["user"]);
    const insert = env.DB.prepare("INSERT INTO notes (id, user_id, text, created_at) VALUES (?, ?, ?, ?)");
    await env.DB.batch(Array.from({ length: NOTES_LIST_LIMIT + 5 }, (_, i) => insert.bind(crypto.randomUUID(), user.id, `n${i}`, 1_000 + i)));
    const listed = await notesOf(cookie);
    expect(listed).toHaveLength(NOTES_LIST_LIMIT);
    expect(listed[0]!.text).toBe(`n${NOTES_LIST_LIMIT + 4}`);
    expect(listed.at(-1)!.text).toBe("n5");
  });

  it("answers 404 NOT_FOUND for a note that does not exist, or was already deleted", async () => {
    const { cookie } = await member(["user"]);
    const note = await addNote(cookie, "once");
    expect((await call("DELETE", `/example/notes/${note.id}`, { cookie })).status).toBe(204);
    const again = await call("DELETE", `/example/notes/${note.id}`, { cookie });
    expect(again.status).toBe(404);
    expect((await problemOf(again)).code).toBe("NOT_FOUND");
  });
});

describe("the notes migration", () => {
  it("adds notes:read and notes:write to the catalogue and grants both to the seeded user role", async () => {
    const catalogue = await env.DB.prepare("SELECT name FROM permissions WHERE name LIKE 'notes:%' ORDER BY name").all<{ name: string }>();
    expect(catalogue.results.map((r) => r.name)).toEqual(["notes:read", "notes:write"]);
    const granted = await env.DB.prepare("SELECT permission FROM role_permissions WHERE role = 'user' AND permission LIKE 'notes:%' ORDER BY permission").all<{ permission: string }>();
    expect(granted.results.map((r) => r.permission)).toEqual(["notes:read", "notes:write"]);
  });

  it("deletes a user's notes with the user", async () => {
    const { user, cookie } = await member(["user"]);
    await addNote(cookie, "goes with me");
    await env.DB.prepare("DELETE FROM users WHERE id = ?").bind(user.id).run();
    const { count } = (await env.DB.prepare("SELECT count(*) AS count FROM notes WHERE user_id = ?").bind(user.id).first<{ count: number }>())!;
    expect(count).toBe(0);
  });
});
