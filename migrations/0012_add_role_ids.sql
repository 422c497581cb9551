-- A role is its identity, not its name: sessions refer to roles by this id, so a
-- role deleted and later created again under the same name grants nothing to
-- the members of the old one. Roles inserted without an id (an adopting app's
-- migration) get one from the trigger.
ALTER TABLE roles ADD COLUMN id TEXT;

UPDATE roles SET id = lower(hex(randomblob(16)));

CREATE UNIQUE INDEX roles_id ON roles(id);

CREATE TRIGGER roles_id_on_insert AFTER INSERT ON roles WHEN NEW.id IS NULL
BEGIN
  UPDATE roles SET id = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
