-- The credential epoch: bumped in the same statement that changes or resets a
-- password, or disables the user. A session is created only if the epoch read
-- when its sign-in began is still current, and strict checks compare the
-- session's epoch with the user's, so a change of credentials wins every race.
ALTER TABLE users ADD COLUMN credential_epoch INTEGER NOT NULL DEFAULT 0;

ALTER TABLE sessions ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
