import { getUntyped, problemMessage } from "../lib/api";
import { byId, element, setStatus } from "../lib/dom";
import { plural } from "../i18n";

/** The part of an OpenAPI document this page shows. */
interface OpenApiDocument {
  paths: Record<string, Record<string, { summary?: string; description?: string }>>;
}

const METHODS = ["get", "post", "put", "patch", "delete"];
const status = byId("reference-status", HTMLParagraphElement);
const list = byId("operations", HTMLOListElement);

// API answers are downloads (Content-Disposition: attachment): this page shows the contract in place.
const result = await getUntyped<OpenApiDocument>("/api/openapi.json");
if (!result.ok) {
  setStatus(status, problemMessage(result), "error");
} else {
  const items = Object.entries(result.data.paths).flatMap(([path, operations]) =>
    METHODS.filter((method) => operations[method]).map((method) => {
      const operation = operations[method]!;
      const item = element("li", undefined, "operation");
      const title = element("h2");
      title.append(element("code", `${method.toUpperCase()} ${path}`));
      item.append(title, element("p", operation.summary ?? "", "muted"));
      if (operation.description) item.append(element("p", operation.description));
      return item;
    }),
  );
  setStatus(status, plural("reference.count", items.length));
  list.replaceChildren(...items);
  list.hidden = false;
}
