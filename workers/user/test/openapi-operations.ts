import document from "../src/openapi/openapi.json";

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

/**
 * Every operation of the generated OpenAPI document (the file the site's gateway serves; npm run
 * check fails when it no longer matches the routes): tests enumerate routes from it.
 */
export async function apiOperations(): Promise<Operation[]> {
  const doc = document as unknown as Document;
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      permission: op["x-permission"],
      guarded: (op.responses?.["401"]?.description ?? "").includes("UNAUTHENTICATED"),
    })),
  );
}
