-- Notes of the example Worker (workers/example), and the model of how an
-- adopting app adds its own data and permissions: a table, the permissions in
-- the catalogue, and grants to the roles that should have them by default.
CREATE TABLE notes (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX notes_user_created ON notes(user_id, created_at);

INSERT INTO permissions (name, description) VALUES
  ('notes:read', 'Read one''s own notes'),
  ('notes:write', 'Write and delete one''s own notes');

-- Members can keep notes from the start; admins already hold `*`.
INSERT INTO role_permissions (role, permission) VALUES
  ('user', 'notes:read'),
  ('user', 'notes:write');
