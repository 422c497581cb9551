import { cfRequest, NO_RETRY, type ApiTarget } from "../../providers/cloudflare-api";
import { apiShape, scriptUpload, uploadForm } from "./api-shape";
import { cronTrigger, queue, queueConsumer } from "./queue-models";

type Props = Record<string, any>;

/**
 * One Cloudflare resource type as the bridged provider handles it, modelled on
 * its v5 schema: which inputs force a replacement (RequiresReplace), and the API
 * calls its create, update, read and delete make. The provider itself cannot run here.
 */
export interface BridgedModel {
  replaceOn: string[];
  create(api: ApiTarget, inputs: Props): Promise<{ id: string; outputs: Props }>;
  update(api: ApiTarget, id: string, inputs: Props): Promise<Props>;
  /** False once the resource is gone. */
  exists(api: ApiTarget, id: string, outputs: Props): Promise<boolean>;
  delete(api: ApiTarget, id: string, outputs: Props): Promise<void>;
}

const call = <T>(api: ApiTarget, method: string, path: string, body?: unknown) => cfRequest<T>(api, method, path, body, NO_RETRY);
const found = (promise: Promise<unknown>) =>
  promise.then(
    () => true,
    (error: { status?: number }) => (error.status === 404 ? false : Promise.reject(error)),
  );
const account = (p: Props) => `/accounts/${p.accountId}`;

const d1: BridgedModel = {
  replaceOn: ["accountId", "name", "primaryLocationHint"],
  async create(api, inputs) {
    const db = await call<{ uuid: string }>(api, "POST", `${account(inputs)}/d1/database`, apiShape({ name: inputs.name, primaryLocationHint: inputs.primaryLocationHint }));
    return { id: db.uuid, outputs: { ...inputs, uuid: db.uuid } };
  },
  update: async (_api, id, inputs) => ({ ...inputs, uuid: id }),
  exists: (api, id, o) => found(call(api, "GET", `${account(o)}/d1/database/${id}`)),
  delete: async (api, id, o) => void (await call(api, "DELETE", `${account(o)}/d1/database/${id}`)),
};

const kv: BridgedModel = {
  replaceOn: ["accountId"],
  async create(api, inputs) {
    const created = await call<{ id: string }>(api, "POST", `${account(inputs)}/storage/kv/namespaces`, { title: inputs.title });
    return { id: created.id, outputs: { ...inputs } };
  },
  async update(api, id, inputs) {
    await call(api, "PUT", `${account(inputs)}/storage/kv/namespaces/${id}`, { title: inputs.title });
    return { ...inputs };
  },
  exists: (api, id, o) => found(call(api, "GET", `${account(o)}/storage/kv/namespaces/${id}`)),
  delete: async (api, id, o) => void (await call(api, "DELETE", `${account(o)}/storage/kv/namespaces/${id}`)),
};

const script: BridgedModel = {
  replaceOn: ["accountId", "scriptName"],
  async create(api, inputs) {
    return { id: inputs.scriptName, outputs: await script.update(api, inputs.scriptName, inputs) };
  },
  async update(api, _id, inputs) {
    await call(api, "PUT", `${account(inputs)}/workers/scripts/${inputs.scriptName}`, uploadForm(scriptUpload(inputs)));
    return { ...inputs };
  },
  exists: (api, id, o) => found(call(api, "GET", `${account(o)}/workers/services/${id}`)),
  delete: async (api, id, o) => void (await call(api, "DELETE", `${account(o)}/workers/scripts/${id}${o.force ? "?force=true" : ""}`)),
};

const subdomain: BridgedModel = {
  replaceOn: ["accountId", "scriptName"],
  async create(api, inputs) {
    return { id: inputs.scriptName, outputs: await subdomain.update(api, inputs.scriptName, inputs) };
  },
  async update(api, _id, inputs) {
    await call(api, "POST", `${account(inputs)}/workers/scripts/${inputs.scriptName}/subdomain`, apiShape({ enabled: inputs.enabled, previewsEnabled: inputs.previewsEnabled }));
    return { ...inputs };
  },
  exists: (api, id, o) => found(call(api, "GET", `${account(o)}/workers/scripts/${id}/subdomain`)),
  delete: async (api, id, o) => void (await call(api, "DELETE", `${account(o)}/workers/scripts/${id}/subdomain`)),
};

const project: BridgedModel = {
  replaceOn: ["accountId", "name"],
  async create(api, inputs) {
    const { accountId: _a, ...body } = inputs;
    const created = await call<{ subdomain: string }>(api, "POST", `${account(inputs)}/pages/projects`, apiShape(body));
    return { id: inputs.name, outputs: { ...inputs, subdomain: created.subdomain } };
  },
  async update(api, id, inputs) {
    const updated = await call<{ subdomain: string }>(api, "PATCH", `${account(inputs)}/pages/projects/${id}`, apiShape({ deploymentConfigs: inputs.deploymentConfigs }));
    return { ...inputs, subdomain: updated.subdomain };
  },
  exists: (api, id, o) => found(call(api, "GET", `${account(o)}/pages/projects/${id}`)),
  delete: async (api, id, o) => void (await call(api, "DELETE", `${account(o)}/pages/projects/${id}`)),
};

export const BRIDGED: Record<string, BridgedModel> = {
  "cloudflare:index/d1Database:D1Database": d1,
  "cloudflare:index/workersKvNamespace:WorkersKvNamespace": kv,
  "cloudflare:index/workersScript:WorkersScript": script,
  "cloudflare:index/workersScriptSubdomain:WorkersScriptSubdomain": subdomain,
  "cloudflare:index/pagesProject:PagesProject": project,
  "cloudflare:index/queue:Queue": queue,
  "cloudflare:index/queueConsumer:QueueConsumer": queueConsumer,
  "cloudflare:index/workersCronTrigger:WorkersCronTrigger": cronTrigger,
};

/** What the provider keeps in state: it reads empty collections back as absent. */
export function asRead(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(asRead);
  if (typeof value !== "object" || value === null) return value;
  const kept = Object.entries(value).map(([k, v]) => [k, asRead(v)] as const).filter(([, v]) => v !== undefined);
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}
