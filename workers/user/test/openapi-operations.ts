import { app } from "../src/app";
import { openApiDocument } from "../src/openapi/document";
import type { ApiRouter } from "../src/openapi";

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

/** The OpenAPI document of the routes this Worker declares, made the way `npm run types` makes the served file. */
export function liveDocument(): Document & { openapi: string } {
  return openApiDocument((app as unknown as ApiRouter).declared) as unknown as Document & { openapi: string };
}

/** Every operation of the OpenAPI document made from the live routes: tests enumerate routes from it, so they cannot drift from the code. */
export async function apiOperations(): Promise<Operation[]> {
  const doc = liveDocument();
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      permission: op["x-permission"],
      guarded: (op.responses?.["401"]?.description ?? "").includes("UNAUTHENTICATED"),
    })),
  );
}
