import { call } from "./helpers";

export interface Operation {
  method: string;
  /** As in the document, with `{id}`-style parameters. */
  path: string;
  /** The permission an admin route needs (`x-permission`), when it has one. */
  permission?: string;
  /** Whether its 401 means "no session": the route needs one. */
  guarded: boolean;
}

interface Document {
  paths: Record<string, Record<string, { "x-permission"?: string; responses?: Record<string, { description?: string }> }>>;
}

/** Every operation of the generated OpenAPI document: tests enumerate routes from it, so they cannot drift from the code. */
export async function apiOperations(): Promise<Operation[]> {
  const doc = (await (await call("GET", "/api/openapi.json")).json()) as Document;
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      permission: op["x-permission"],
      guarded: (op.responses?.["401"]?.description ?? "").includes("UNAUTHENTICATED"),
    })),
  );
}
