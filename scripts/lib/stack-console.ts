/**
 * What the local stack prints: with a `print` function (npm start's console), one line
 * per request (method, path, status, ms) and one per mail (address, subject, link);
 * without one (the test suites), workerd's own lines only. Either way it notices corrupt
 * local state, so the stack can say how to fix it instead of dying with a stack trace.
 */
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { D1Database } from "@cloudflare/workers-types";
import { Log, LogLevel } from "miniflare";

export type Print = (line: string) => void;

/** A sent mail as the user Worker logs it: `{"mail":"sent","kind":...,"key":...}`. */
const SENT_MAIL = /^\{"mail":"sent".*"key":"([^"]+)"/;
const CORRUPT_STATE = /SQLITE_(NOTADB|CORRUPT)/;
// Miniflare's line for each request through the stack's port: "GET /login 200 OK (4ms)".
const REQUEST = /^[A-Z]+ \/\S* \d{3}/;

/** Miniflare's log: its request lines through `print`, its "Ready on" banner dropped (npm start prints its own). */
class RequestLog extends Log {
  constructor(private readonly print: Print) {
    super(LogLevel.INFO);
  }
  override logReady(): void {}
  override logWithLevel(level: LogLevel, message: string): void {
    if (level === LogLevel.INFO && REQUEST.test(message)) this.print(message);
    else if (level <= LogLevel.WARN) super.logWithLevel(level, message);
  }
}

export interface StackConsole {
  log: Log;
  handleRuntimeStdio(stdout: Readable, stderr: Readable): void;
  /** True once workerd reported a local database that is not one. */
  readonly corruptState: boolean;
}

/** `describeMail` turns a sent mail's key into its line (from the local outbox), or null to print the raw line. */
export function stackConsole(print: Print | undefined, describeMail: (key: string) => Promise<string | null>): StackConsole {
  let corruptState = false;
  return {
    log: print ? new RequestLog(print) : new Log(LogLevel.WARN),
    handleRuntimeStdio(stdout, stderr) {
      createInterface(stdout).on("line", (line) => {
        const key = print ? SENT_MAIL.exec(line)?.[1] : undefined;
        if (key === undefined) return console.log(line);
        void describeMail(key).then((described) => print!(described ?? line), () => print!(line));
      });
      createInterface(stderr).on("line", (line) => {
        // workerd's fatal error and its stack of addresses: the stack's own message replaces them.
        if (CORRUPT_STATE.test(line)) corruptState = true;
        else if (!(corruptState && line.startsWith("stack: "))) console.error(line);
      });
    },
    get corruptState() {
      return corruptState;
    },
  };
}

/** The error to throw for a start that failed on corrupt state: what happened and the fix. */
export function corruptStateError(persist: string, cause: unknown): Error {
  return new Error(
    `the local state under ${persist} is not readable (SQLITE_NOTADB: a database file there is damaged or not a database).\n` +
      `  Fix: stop every npm start using it, delete the folder (rm -rf ${persist}) and run npm start again; migrations recreate it, empty.`,
    { cause },
  );
}

export function isCorruptStateError(error: unknown): boolean {
  return error instanceof Error && CORRUPT_STATE.test(`${error.message} ${String(error.cause ?? "")}`);
}

/** A mail the outbox provider stored, as one line: to whom, its subject and its first link. */
export async function outboxLine(db: D1Database, key: string): Promise<string | null> {
  const row = await db
    .prepare("SELECT to_email, subject, text_body FROM outbox WHERE idempotency_key = ?")
    .bind(key)
    .first<{ to_email: string; subject: string; text_body: string }>();
  if (row === null) return null;
  const link = /https?:\/\/\S+/.exec(row.text_body)?.[0];
  return `mail to ${row.to_email}: ${row.subject}${link ? `  ${link}` : ""}`;
}
