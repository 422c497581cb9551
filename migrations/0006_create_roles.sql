-- Roles and permissions (RBAC as data). Permissions are `resource:action`
-- strings; grants may use `resource:*` and `*`. `permissions` is the catalogue
-- of what can be granted: adopting apps add theirs with a migration.
CREATE TABLE permissions (
  name TEXT PRIMARY KEY,
  description TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE roles (
  name TEXT PRIMARY KEY,
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE role_permissions (
  role TEXT NOT NULL REFERENCES roles(name) ON DELETE CASCADE,
  permission TEXT NOT NULL,
  PRIMARY KEY (role, permission)
) STRICT;

CREATE TABLE user_roles (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL REFERENCES roles(name) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, role)
) STRICT;

CREATE INDEX user_roles_role ON user_roles(role);

INSERT INTO permissions (name, description) VALUES
  ('users:read', 'List and view users'),
  ('users:write', 'Rename, disable and enable users'),
  ('users:delete', 'Delete users'),
  ('roles:read', 'List roles and their permissions'),
  ('roles:write', 'Create, update and delete roles; replace their permissions'),
  ('roles:assign', 'Give roles to users and take them away'),
  ('sessions:read', 'List a user''s sessions'),
  ('sessions:revoke', 'Revoke a user''s sessions'),
  ('audit:read', 'Read the audit log'),
  ('account:read', 'See one''s own account and sessions'),
  ('account:write', 'Change one''s own profile and sessions');

INSERT INTO roles (name, description, created_at, updated_at) VALUES
  ('admin', 'Everything, everywhere', 0, 0),
  ('user', 'A member: their own account', 0, 0);

INSERT INTO role_permissions (role, permission) VALUES
  ('admin', '*'),
  ('user', 'account:read'),
  ('user', 'account:write');
