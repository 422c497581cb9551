/** A note as the API returns it. Times are unix seconds. */
export interface Note {
  id: string;
  text: string;
  createdAt: number;
}

interface NoteRow {
  id: string;
  text: string;
  created_at: number;
}

const toNote = (row: NoteRow): Note => ({ id: row.id, text: row.text, createdAt: row.created_at });

/** The user's newest notes, at most `limit`. */
export async function listNotes(db: D1Database, userId: string, limit: number): Promise<Note[]> {
  const { results } = await db
    .prepare("SELECT id, text, created_at FROM notes WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?")
    .bind(userId, limit)
    .all<NoteRow>();
  return results.map(toNote);
}

/**
 * Adds a note for the user; null when the user row is gone (deleted while a
 * session was still visible in another location's KV).
 */
export async function createNote(db: D1Database, userId: string, text: string, now: number): Promise<Note | null> {
  const id = crypto.randomUUID();
  const result = await db
    .prepare("INSERT INTO notes (id, user_id, text, created_at) SELECT ?, id, ?, ? FROM users WHERE id = ?")
    .bind(id, text, now, userId)
    .run();
  return result.meta.changes === 1 ? { id, text, createdAt: now } : null;
}

/** Deletes one of the user's own notes; false when the user has no such note. */
export async function deleteNote(db: D1Database, userId: string, id: string): Promise<boolean> {
  // Scoped by owner in the query itself: another user's note is indistinguishable from a missing one.
  const result = await db.prepare("DELETE FROM notes WHERE id = ? AND user_id = ?").bind(id, userId).run();
  return result.meta.changes === 1;
}
