import type * as pulumi from "@pulumi/pulumi";
import type { types } from "@pulumi/cloudflare";
import { target, type BindingTargets } from "./bindings";
import type { WorkerDeclaration } from "./worker-config";

type DeploymentConfig = types.input.PagesProjectDeploymentConfigsProduction;

/** The Pages deployment config (Functions bindings) for what site/wrangler.jsonc declares. */
export function pagesDeploymentConfig(site: WorkerDeclaration, targets: BindingTargets): DeploymentConfig {
  const services: Record<string, { service: pulumi.Input<string>; entrypoint?: string }> = {};
  const kvNamespaces: Record<string, { namespaceId: pulumi.Input<string> }> = {};
  const d1Databases: Record<string, { id: pulumi.Input<string> }> = {};
  const envVars: Record<string, { type: string; value: pulumi.Input<string> }> = {};
  for (const b of site.bindings) {
    if (b.kind === "service") {
      services[b.name] = { service: target(targets.services, b.service, b, site.file), ...(b.entrypoint ? { entrypoint: b.entrypoint } : {}) };
    } else if (b.kind === "kv_namespace") {
      kvNamespaces[b.name] = { namespaceId: target(targets.kvNamespaces, b.name, b, site.file) };
    } else if (b.kind === "d1") {
      d1Databases[b.name] = { id: target(targets.d1Databases, b.databaseName, b, site.file) };
    } else if (b.kind === "var") {
      envVars[b.name] = { type: "plain_text", value: targets.vars[b.name] ?? String(b.value) };
    } else {
      throw new Error(`${site.file}: binding ${b.name}: Pages Functions have no ${b.kind} binding in this program`);
    }
  }
  for (const [name, value] of Object.entries(targets.secrets)) envVars[name] = { type: "secret_text", value };
  return {
    compatibilityDate: site.compatibilityDate,
    compatibilityFlags: site.compatibilityFlags,
    services,
    kvNamespaces,
    d1Databases,
    envVars,
  };
}
