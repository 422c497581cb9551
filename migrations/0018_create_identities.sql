-- Sign-in identities at OAuth 2 / OpenID Connect providers: the provider's id for a
-- person (`subject`: OIDC `sub`, GitHub's numeric user id) and the user it signs in.
-- One identity per provider and user; an identity belongs to one user only.
-- An account made by a provider has no password: `users.password_hash` is '' then,
-- which no password ever matches (see users/credentials.ts).
CREATE TABLE identities (
  provider TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- The provider's address at link time, shown on the account page only; never trusted.
  email TEXT,
  linked_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  PRIMARY KEY (provider, subject)
) STRICT;

CREATE UNIQUE INDEX identities_user_provider ON identities(user_id, provider);
