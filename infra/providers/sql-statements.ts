// Serialized into the dynamic provider: globals only.

/** D1 refuses a single SQL statement longer than this (its documented limit). */
export const MAX_STATEMENT_BYTES = 100_000;

const TRIGGER = /^CREATE (TEMP |TEMPORARY )?TRIGGER$/;

/**
 * Splits a migration into its statements, each with its `;`. Semicolons inside
 * strings, quoted names, comments and trigger bodies (BEGIN ... END) do not
 * split; comments stay with the statement they precede.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let head: string[] = [];
  let depth = 0;
  let code = false;
  let i = 0;
  while (i < sql.length) {
    const char = sql[i]!;
    const skipped = skipQuotedOrComment(sql, i);
    if (skipped > i) {
      if (char !== "-" && char !== "/") code = true;
      i = skipped;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i, i + 64))?.[0];
    if (word) {
      code = true;
      const upper = word.toUpperCase();
      if (head.length < 4) head.push(upper);
      if (head.length >= 3 && TRIGGER.test(head.slice(0, head[1] === "TRIGGER" ? 2 : 3).join(" "))) {
        if (upper === "BEGIN" || upper === "CASE") depth++;
        else if (upper === "END") depth--;
      }
      i += word.length;
      continue;
    }
    if (char === ";" && depth <= 0) {
      statements.push(sql.slice(start, i + 1).trim());
      [start, head, depth, code] = [i + 1, [], 0, false];
    } else if (!/\s/.test(char)) {
      code = true;
    }
    i++;
  }
  if (code) statements.push(sql.slice(start).trim());
  return statements;
}

/** Index just past the string, quoted name or comment starting at `i`, or `i` if none starts there. */
function skipQuotedOrComment(sql: string, i: number): number {
  const char = sql[i];
  const next = sql[i + 1];
  if (char === "-" && next === "-") {
    const end = sql.indexOf("\n", i);
    return end === -1 ? sql.length : end + 1;
  }
  if (char === "/" && next === "*") {
    const end = sql.indexOf("*/", i + 2);
    return end === -1 ? sql.length : end + 2;
  }
  const close = char === "[" ? "]" : char === "'" || char === '"' || char === "`" ? char : undefined;
  if (!close) return i;
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === close && sql[j + 1] === close && close !== "]") j += 2;
    else if (sql[j] === close) return j + 1;
    else j++;
  }
  return sql.length;
}

/** The size of the request body that carries `sql` to D1's query endpoint. */
export function queryBytes(sql: string): number {
  return new TextEncoder().encode(JSON.stringify({ sql })).length;
}
