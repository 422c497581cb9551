import { beforeAll, describe, expect, it } from "vitest";
import { addNote, call, createRole, member, notesOf, problemOf } from "./helpers";

const ROUTES = [
  ["GET", "/example/notes", undefined],
  ["POST", "/example/notes", { text: "hello" }],
  ["DELETE", `/example/notes/${crypto.randomUUID()}`, undefined],
] as const;

// Test roles go straight into D1 before any session is read, as a migration
// would seed them: the session Worker computes permissions from roles through
// a role map it caches, which the admin API (not these inserts) refreshes.
const roles = { reader: "", wildcard: "", nearMiss: "" };
beforeAll(async () => {
  roles.reader = await createRole(["notes:read"]);
  roles.wildcard = await createRole(["notes:*"]);
  roles.nearMiss = await createRole(["notes:writer", "note:write", "notes:read"]);
});

describe("who may use the notes API", () => {
  it.each(ROUTES)("%s %s answers 401 UNAUTHENTICATED without a session", async (method, path, body) => {
    const res = await call(method, path, { body });
    expect(res.status).toBe(401);
    expect((await problemOf(res)).code).toBe("UNAUTHENTICATED");
  });

  it.each(ROUTES)("%s %s answers 401 to a cookie whose session has ended", async (method, path, body) => {
    const res = await call(method, path, { body, cookie: "__Host-session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
    expect(res.status).toBe(401);
  });

  it.each(ROUTES)("%s %s answers 403 FORBIDDEN to a signed-in user without notes permissions", async (method, path, body) => {
    const { cookie } = await member([]);
    const res = await call(method, path, { body, cookie });
    expect(res.status).toBe(403);
    expect((await problemOf(res)).code).toBe("FORBIDDEN");
  });

  it("lets a member of the seeded user role read, write and delete their notes", async () => {
    const { cookie } = await member(["user"]);
    const note = await addNote(cookie, "buy milk");
    expect(note).toMatchObject({ text: "buy milk" });
    expect(await notesOf(cookie)).toEqual([note]);
    expect((await call("DELETE", `/example/notes/${note.id}`, { cookie })).status).toBe(204);
    expect(await notesOf(cookie)).toEqual([]);
  });

  it("gives notes:read alone reading, not writing or deleting", async () => {
    const { cookie } = await member([roles.reader]);
    expect(await notesOf(cookie)).toEqual([]);
    const post = await call("POST", "/example/notes", { cookie, body: { text: "x" } });
    expect(post.status).toBe(403);
    expect((await call("DELETE", `/example/notes/${crypto.randomUUID()}`, { cookie })).status).toBe(403);
  });

  it("honours wildcard grants: notes:* and the admin role's *", async () => {
    for (const granted of [[roles.wildcard], ["admin"]]) {
      const { cookie } = await member(granted);
      const note = await addNote(cookie, "wildcard");
      expect(await notesOf(cookie)).toEqual([note]);
    }
  });

  it("does not mistake a near miss for the permission", async () => {
    const { cookie } = await member([roles.nearMiss]);
    expect((await call("POST", "/example/notes", { cookie, body: { text: "x" } })).status).toBe(403);
  });
});

describe("one user's notes are invisible to another", () => {
  it("lists only the caller's notes", async () => {
    const alice = await member(["user"]);
    const bob = await member(["user"]);
    const mine = await addNote(alice.cookie, "alice's");
    await addNote(bob.cookie, "bob's");
    expect(await notesOf(alice.cookie)).toEqual([mine]);
  });

  it("answers another user's note exactly like a missing one, and leaves it alone", async () => {
    const alice = await member(["user"]);
    const bob = await member(["user"]);
    const note = await addNote(alice.cookie, "private");
    const theirs = await call("DELETE", `/example/notes/${note.id}`, { cookie: bob.cookie });
    const missing = await call("DELETE", `/example/notes/${crypto.randomUUID()}`, { cookie: bob.cookie });
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).toBe(await missing.text());
    expect(await notesOf(alice.cookie)).toEqual([note]);
  });

  it("ignores an author smuggled into the body: the note is the caller's", async () => {
    const alice = await member(["user"]);
    const bob = await member(["user"]);
    const res = await call("POST", "/example/notes", { cookie: bob.cookie, body: { text: "mine", userId: alice.user.id, user_id: alice.user.id } });
    expect(res.status).toBe(201);
    expect(await notesOf(alice.cookie)).toEqual([]);
    expect(await notesOf(bob.cookie)).toHaveLength(1);
  });
});
