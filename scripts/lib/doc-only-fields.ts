/**
 * The user Worker's routes carry their documentation (summaries, descriptions, tags,
 * operation ids, every response and its prose) for the OpenAPI document, which is made at
 * build time (scripts/openapi.ts) and served as a file of the site. At run time a route
 * needs only its method, path, middleware and request schemas, so the Worker's build drops
 * the rest from every `createRoute(...)` and `adminRoute(...)` call: kilobytes of English
 * that no request reads, out of the 100 KB budget.
 */
import { readFile } from "node:fs/promises";
import type * as esbuild from "esbuild";
import ts from "typescript";

const ROUTE_FACTORIES = new Set(["createRoute", "adminRoute"]);
const DOC_ONLY = new Set(["summary", "description", "tags", "operationId", "responses", "x-permission", "x-recent-auth"]);

function propertyName(property: ts.ObjectLiteralElementLike): string | null {
  if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) return null;
  const name = property.name;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : null;
}

/** The source with the documentation fields of each route definition removed; null when it declares no route. */
export function withoutDocFields(source: string, fileName: string): string | null {
  if (!/\b(createRoute|adminRoute)\(/.test(source)) return null;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let changed = false;
  const strip: ts.TransformerFactory<ts.SourceFile> = (context) => {
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ROUTE_FACTORIES.has(node.expression.text)) {
        const args = node.arguments.map((arg) => {
          if (!ts.isObjectLiteralExpression(arg)) return ts.visitNode(arg, visit) as ts.Expression;
          const kept = arg.properties.filter((p) => !DOC_ONLY.has(propertyName(p) ?? ""));
          if (kept.length !== arg.properties.length) changed = true;
          return context.factory.updateObjectLiteralExpression(arg, kept.map((p) => ts.visitNode(p, visit) as ts.ObjectLiteralElementLike));
        });
        return context.factory.updateCallExpression(node, node.expression, node.typeArguments, args);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (root) => ts.visitNode(root, visit) as ts.SourceFile;
  };
  const [result] = ts.transform(file, [strip]).transformed;
  return changed ? ts.createPrinter().printFile(result!) : null;
}

/** For the user Worker's build only: scripts/openapi.ts bundles the same files with every field. */
export const docOnlyFields: esbuild.Plugin = {
  name: "doc-only-route-fields",
  setup(build) {
    build.onLoad({ filter: /[\\/]workers[\\/]user[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const contents = withoutDocFields(await readFile(args.path, "utf8"), args.path);
      return contents === null ? undefined : { contents, loader: "ts" };
    });
  },
};
