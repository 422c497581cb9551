import { createHash } from "node:crypto";

/** Pages project names allow at most 58 characters: the strictest of the names made here. */
export const MAX_NAME_LENGTH = 58;

/**
 * The Cloudflare-side names of one stack: `<project>-<stack>-<unit>`, so any
 * number of stacks share an account. Cloudflare names allow lowercase letters,
 * digits and hyphens only; a project or stack name that had to be changed to fit
 * gets a short hash of the original, so `pr_42` and `pr.42` stay apart.
 */
export class StackNames {
  readonly prefix: string;

  constructor(project: string, stack: string) {
    const original = `${project}-${stack}`;
    const cleaned = clean(original);
    this.prefix = cleaned === original ? cleaned : `${cleaned}-${shortHash(original)}`;
  }

  /** e.g. `names.of("session")` is `workers-users-staging-session`. */
  of(unit: string): string {
    const name = `${this.prefix}-${clean(unit)}`;
    if (name.length > MAX_NAME_LENGTH) {
      throw new Error(`"${name}" is longer than ${MAX_NAME_LENGTH} characters: choose a shorter project or stack name`);
    }
    return name;
  }

  /**
   * A rate limit namespace id for this stack: ids are account-wide, so two stacks
   * using the id declared in wrangler.jsonc would share one counter.
   */
  rateLimitNamespace(declaredId: string): string {
    const digest = createHash("sha256").update(`${this.prefix}/${declaredId}`).digest();
    return String(1000 + (digest.readUInt32BE(0) % 2_000_000_000));
  }
}

function clean(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "");
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 6);
}
