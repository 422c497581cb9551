/**
 * Where the program knowingly sends something other than wrangler 4.86.0, and
 * why. The contract tests compute the differences and compare them with these
 * lists: a difference not listed (a wrangler or provider upgrade) fails and names itself.
 */
export const KEPT = {
  /** Metadata fields wrangler sends for a Worker and the program does not. */
  workerMetadata: {
    // wrangler always sends the list; the program leaves an empty one out, since the
    // provider reads [] back as absent, a change on every `pulumi up`.
    compatibility_flags: "only when empty",
    // `--secrets-file` keeps secrets set earlier with `wrangler secret put`; the program
    // sets every secret of the Worker with each upload, so there is nothing to keep.
    keep_bindings: "only the Worker with secrets",
  },
  /**
   * Files wrangler publishes and the program does not: `.assetsignore` keeps the gateway's
   * script out of the local stack's assets (Miniflare reads it); on Pages it would be a
   * public file saying nothing useful.
   */
  pagesFilesWranglerOnly: ["/.assetsignore"],
  /** Pages calls only wrangler makes: it reads the project (twice) before uploading. */
  pagesWranglerOnly: ["GET project"],
  /** Pages calls only the program makes: after the deployment is live, old ones are pruned. */
  pagesProgramOnly: ["GET project", "GET deployments"],
  /**
   * wrangler hashes its config file; the program hashes the deployment's config
   * (bindings, compatibility settings), which changes exactly when that does.
   */
  pagesFieldsDiffering: ["wrangler_config_hash"],
  /** wrangler reads every column of d1_migrations; the program only the names. */
  d1ListQuery: { wrangler: "select * from d1_migrations order by id", program: "select name from d1_migrations order by id" },
  /**
   * A file whose request would exceed 100,000 bytes goes in parts of whole statements,
   * each recorded in d1_migrations_progress (docs/decisions/0006-migrations-in-bounded-requests.md);
   * wrangler sends it whole.
   */
  d1SplitFiles: ["0011_seed_common_passwords.sql"],
};
