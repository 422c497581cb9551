-- A disabled user cannot sign in and loses every session at once.
ALTER TABLE users ADD COLUMN disabled_at INTEGER;
