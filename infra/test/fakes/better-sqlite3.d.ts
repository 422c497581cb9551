// The few better-sqlite3 calls the D1 fake makes (the package ships no types).
declare module "better-sqlite3" {
  namespace Database {
    interface Statement {
      readonly reader: boolean;
      all(...params: unknown[]): Record<string, unknown>[];
      get(...params: unknown[]): Record<string, unknown> | undefined;
      run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
    }
    interface Database {
      prepare(sql: string): Statement;
      exec(sql: string): this;
      pragma(source: string): unknown;
      transaction<T extends (...args: never[]) => unknown>(fn: T): T;
      close(): void;
    }
  }
  const Database: new (filename: string) => Database.Database;
  export default Database;
}
