// Serialized into the dynamic provider: no run-time imports besides sibling provider files.
import { MAX_STATEMENT_BYTES, queryBytes, splitStatements } from "./sql-statements";

/** Partly applied files: one row per part sent, removed once the file is recorded in d1_migrations. */
export const PROGRESS_TABLE = "d1_migrations_progress";
export const CREATE_PROGRESS_TABLE = `CREATE TABLE IF NOT EXISTS ${PROGRESS_TABLE}(
  name   TEXT NOT NULL,
  part   INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (name, part)
);`;

export interface Part {
  /** The statements of this part and the row that records it, sent as one batch. */
  sql: string;
  index: number;
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** What records part `index` of `count`: a progress row, or for the last part the file itself. */
export function recordOf(migrationsTable: string, name: string, sha256: string, index: number, count: number): string {
  if (index < count - 1) return `INSERT INTO ${PROGRESS_TABLE} (name, part, sha256) VALUES (${quote(name)}, ${index}, ${quote(sha256)});`;
  return `INSERT INTO ${migrationsTable} (name) VALUES (${quote(name)});\nDELETE FROM ${PROGRESS_TABLE} WHERE name = ${quote(name)};`;
}

/**
 * The file in parts whose requests stay within `maxBytes`, each made of whole
 * statements and the row that records it. Throws on a statement D1 would refuse
 * or one that cannot fit a request on its own.
 */
export function partsOf(migrationsTable: string, name: string, sha256: string, sql: string, maxBytes: number): Part[] {
  const statements = splitStatements(sql);
  const reserve = queryBytes(`\n${recordOf(migrationsTable, name, sha256, 0, 2)}\n${recordOf(migrationsTable, name, sha256, 1, 2)}`);
  const groups: string[][] = [];
  let current: string[] = [];
  for (const statement of statements) {
    const size = new TextEncoder().encode(statement).length;
    if (size > MAX_STATEMENT_BYTES) throw new Error(`${name}: a statement of ${size} bytes is over D1's limit of ${MAX_STATEMENT_BYTES} bytes`);
    if (queryBytes(statement) + reserve > maxBytes) throw new Error(`${name}: a statement of ${size} bytes does not fit a request of ${maxBytes} bytes`);
    if (current.length > 0 && queryBytes([...current, statement].join("\n")) + reserve > maxBytes) {
      groups.push(current);
      current = [];
    }
    current.push(statement);
  }
  if (current.length > 0) groups.push(current);
  return groups.map((group, index) => ({ index, sql: `${group.join("\n")}\n${recordOf(migrationsTable, name, sha256, index, groups.length)}` }));
}

/** Statements over D1's per-statement limit, for the provider's check. */
export function oversizedStatements(sql: string): number[] {
  return splitStatements(sql)
    .map((s) => new TextEncoder().encode(s).length)
    .filter((bytes) => bytes > MAX_STATEMENT_BYTES);
}
