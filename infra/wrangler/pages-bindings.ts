import type { ApiBinding } from "../providers/worker-bundle";
import { target, type BindingTargets } from "./bindings";
import type { BindingDeclaration, WorkerDeclaration } from "./worker-config";

/**
 * The bindings of the site's `_worker.js` gateway in the shape the deployment's
 * `_worker.bundle` metadata carries them, the shape wrangler sends for what
 * site/wrangler.jsonc declares. Values may be outputs (a Worker's name once it exists).
 */
export function pagesBindings(site: WorkerDeclaration, targets: BindingTargets): ApiBinding[] {
  if (site.queueConsumers.length > 0 || site.crons.length > 0) throw new Error(`${site.file}: a Pages project has no queue consumers or cron triggers`);
  const declared = site.bindings.map((b) => pagesBinding(b, targets, site.file));
  const secrets = Object.entries(targets.secrets).map(([name, text]) => ({ type: "secret_text", name, text }));
  return [...declared, ...secrets];
}

function pagesBinding(b: BindingDeclaration, targets: BindingTargets, file: string): ApiBinding {
  switch (b.kind) {
    case "service":
      return { type: "service", name: b.name, service: target(targets.services, b.service, b, file), ...(b.entrypoint ? { entrypoint: b.entrypoint } : {}) };
    case "kv_namespace":
      return { type: "kv_namespace", name: b.name, namespace_id: target(targets.kvNamespaces, b.name, b, file) };
    case "d1":
      return { type: "d1", name: b.name, id: target(targets.d1Databases, b.databaseName, b, file) };
    case "var": {
      const override = targets.vars[b.name];
      if (override !== undefined) return { type: "plain_text", name: b.name, text: override };
      return typeof b.value === "string" ? { type: "plain_text", name: b.name, text: b.value } : { type: "json", name: b.name, json: b.value };
    }
    case "ratelimit":
    case "queue":
      throw new Error(`${file}: binding ${b.name}: Pages Functions have no ${b.kind} binding in this program`);
  }
}
