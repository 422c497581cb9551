-- The language the user last used (the site's `lang` cookie or the browser's Accept-Language),
-- kept for mail sent without their request, such as an admin's reset link. NULL: not known yet.
ALTER TABLE users ADD COLUMN locale TEXT CHECK (locale IS NULL OR length(locale) <= 8);
