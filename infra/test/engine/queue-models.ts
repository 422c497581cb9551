import { cfRequest, NO_RETRY, type ApiTarget } from "../../providers/cloudflare-api";
import { apiShape } from "./api-shape";
import type { BridgedModel } from "./bridged-models";

type Props = Record<string, any>;

const call = <T>(api: ApiTarget, method: string, path: string, body?: unknown) => cfRequest<T>(api, method, path, body, NO_RETRY);
const found = (promise: Promise<unknown>) =>
  promise.then(
    () => true,
    (error: { status?: number }) => (error.status === 404 ? false : Promise.reject(error)),
  );
const queues = (p: Props) => `/accounts/${p.accountId}/queues`;

/** A queue: created by name, renamed in place. */
export const queue: BridgedModel = {
  replaceOn: ["accountId"],
  async create(api, inputs) {
    const created = await call<{ queue_id: string }>(api, "POST", queues(inputs), { queue_name: inputs.queueName });
    return { id: created.queue_id, outputs: { ...inputs, queueId: created.queue_id } };
  },
  update: async (_api, id, inputs) => ({ ...inputs, queueId: id }),
  exists: (api, id, o) => found(call(api, "GET", `${queues(o)}/${id}`)),
  delete: async (api, id, o) => void (await call(api, "DELETE", `${queues(o)}/${id}`)),
};

/** A Worker consuming a queue: the API body is the inputs but the account and the queue, which are in the path. */
export const queueConsumer: BridgedModel = {
  replaceOn: ["accountId", "queueId"],
  async create(api, inputs) {
    const created = await call<{ consumer_id: string }>(api, "POST", `${queues(inputs)}/${inputs.queueId}/consumers`, body(inputs));
    return { id: created.consumer_id, outputs: { ...inputs, consumerId: created.consumer_id } };
  },
  async update(api, id, inputs) {
    await call(api, "PUT", `${queues(inputs)}/${inputs.queueId}/consumers/${id}`, body(inputs));
    return { ...inputs, consumerId: id };
  },
  async exists(api, id, o) {
    const list = await call<{ consumer_id: string }[]>(api, "GET", `${queues(o)}/${o.queueId}/consumers`).catch(() => []);
    return list.some((c) => c.consumer_id === id);
  },
  delete: async (api, id, o) => void (await call(api, "DELETE", `${queues(o)}/${o.queueId}/consumers/${id}`)),
};

/** A Worker's cron schedules: one PUT replaces them all; deleting sends none. */
export const cronTrigger: BridgedModel = {
  replaceOn: ["accountId", "scriptName"],
  async create(api, inputs) {
    return { id: inputs.scriptName, outputs: await cronTrigger.update(api, inputs.scriptName, inputs) };
  },
  async update(api, _id, inputs) {
    await call(api, "PUT", schedules(inputs), apiShape(inputs.schedules));
    return { ...inputs };
  },
  exists: (api, _id, o) => found(call(api, "GET", schedules(o))),
  delete: async (api, _id, o) => void (await call(api, "PUT", schedules(o), []).catch(() => undefined)),
};

const body = ({ accountId: _a, queueId: _q, ...rest }: Props) => apiShape(rest);
const schedules = (p: Props) => `/accounts/${p.accountId}/workers/scripts/${p.scriptName}/schedules`;
