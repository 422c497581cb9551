import { isDeepStrictEqual } from "node:util";
import type * as pulumi from "@pulumi/pulumi";
import type { ApiTarget } from "../../providers/cloudflare-api";
import { optionsOf } from "../helpers/resource-options";
import { unwrap } from "../helpers/secret-walk";
import { asRead, BRIDGED } from "./bridged-models";

type Props = Record<string, any>;
type Dynamic = pulumi.dynamic.ResourceProvider;

export interface StateEntry {
  urn: string;
  type: string;
  name: string;
  id: string;
  /** Inputs as last applied (for bridged types: as the provider reads them back). */
  inputs: Props;
  outputs: Props;
  protect: boolean;
  dependencies: string[];
}

export type Step = "create" | "update" | "replace" | "same" | "delete";

/**
 * What the Pulumi engine does with one registration during `pulumi up`, played
 * against the account fake: dynamic resources through their real providers
 * (check, diff, create, update), Cloudflare resources through their modelled
 * provider; protect and ignoreChanges honoured as the engine honours them.
 */
export class StepRunner {
  readonly state = new Map<string, StateEntry>();
  steps: { name: string; step: Step }[] = [];

  constructor(
    private readonly api: ApiTarget,
    private readonly dynamic: Record<string, Dynamic>,
    /** Test-only inputs given to every dynamic resource (tiny retry and polling delays). */
    private readonly dynamicExtras: Props,
  ) {}

  async register(type: string, name: string, rawInputs: Props): Promise<{ id: string; state: Props }> {
    const options = optionsOf(type, name);
    const { __provider: _serialized, ...inputs } = unwrap(rawInputs) as Props;
    const old = this.state.get(options.urn);
    for (const key of options.ignoreChanges) if (old && key in old.inputs) inputs[key] = old.inputs[key];
    const entry = (id: string, applied: Props, outputs: Props): StateEntry => ({
      urn: options.urn, type, name, id, inputs: applied, outputs, protect: options.protect, dependencies: options.dependencies,
    });
    const dynamic = this.dynamic[type.replace(/^pulumi-nodejs:dynamic\/workers-users:/, "")];
    const next = dynamic ? await this.dynamicStep(dynamic, name, { ...inputs, ...this.dynamicExtras }, old, entry) : await this.bridgedStep(type, name, inputs, old, entry);
    // Options apply on every run, a step or not: a resource unprotected now can be deleted.
    this.state.set(options.urn, { ...next, protect: options.protect, dependencies: options.dependencies });
    return { id: next.id, state: next.outputs };
  }

  private async dynamicStep(provider: Dynamic, name: string, inputs: Props, old: StateEntry | undefined, entry: Entry): Promise<StateEntry> {
    const checked = await provider.check?.(old?.inputs ?? {}, inputs);
    if (checked?.failures?.length) throw new Error(`${name}: ${checked.failures.map((f) => f.reason).join("; ")}`);
    if (!old) return this.record(name, "create", await provider.create(inputs).then(({ id, outs }) => entry(id, inputs, outs)));
    const diff = await provider.diff!(old.id, old.outputs, inputs);
    if (!diff.changes) return this.record(name, "same", { ...old, inputs });
    if (diff.replaces?.length) {
      this.refuseIfProtected(old, "replaced");
      const created = await provider.create(inputs);
      await provider.delete?.(old.id, old.outputs);
      return this.record(name, "replace", entry(created.id, inputs, created.outs));
    }
    const { outs } = await provider.update!(old.id, old.outputs, inputs);
    return this.record(name, "update", entry(old.id, inputs, outs ?? {}));
  }

  private async bridgedStep(type: string, name: string, inputs: Props, old: StateEntry | undefined, entry: Entry): Promise<StateEntry> {
    const model = BRIDGED[type];
    if (!model) throw new Error(`no model of ${type} for the lifecycle tests`);
    const stored = (asRead(inputs) ?? {}) as Props;
    if (!old) return this.record(name, "create", await model.create(this.api, inputs).then(({ id, outputs }) => entry(id, stored, outputs)));
    const changed = [...new Set([...Object.keys(inputs), ...Object.keys(old.inputs)])].filter((k) => !isDeepStrictEqual(inputs[k], old.inputs[k]));
    if (changed.length === 0) return this.record(name, "same", old);
    if (changed.some((k) => model.replaceOn.includes(k))) {
      this.refuseIfProtected(old, `replaced (${changed.join(", ")} changed)`);
      const created = await model.create(this.api, inputs);
      await model.delete(this.api, old.id, old.outputs);
      return this.record(name, "replace", entry(created.id, stored, created.outputs));
    }
    return this.record(name, "update", entry(old.id, stored, await model.update(this.api, old.id, inputs)));
  }

  async delete(entry: StateEntry): Promise<void> {
    this.refuseIfProtected(entry, "deleted");
    const dynamic = this.dynamic[entry.type.replace(/^pulumi-nodejs:dynamic\/workers-users:/, "")];
    if (dynamic) await dynamic.delete?.(entry.id, entry.outputs);
    else await BRIDGED[entry.type]!.delete(this.api, entry.id, entry.outputs);
    this.state.delete(entry.urn);
    this.record(entry.name, "delete", entry);
  }

  /** `pulumi refresh` for one resource: gone resources leave the state, dynamic ones take what read() saw. */
  async refresh(entry: StateEntry): Promise<void> {
    const dynamic = this.dynamic[entry.type.replace(/^pulumi-nodejs:dynamic\/workers-users:/, "")];
    if (dynamic) {
      const read = await dynamic.read!(entry.id, entry.outputs);
      if (!read.id) this.state.delete(entry.urn);
      else this.state.set(entry.urn, { ...entry, outputs: read.props ?? entry.outputs });
    } else if (!(await BRIDGED[entry.type]!.exists(this.api, entry.id, entry.outputs))) {
      this.state.delete(entry.urn);
    }
  }

  refuseIfProtected(entry: StateEntry, what: string): void {
    if (entry.protect) throw new Error(`${entry.name} is protected and cannot be ${what}: set \`protect\` to false first`);
  }

  private record(name: string, step: Step, entry: StateEntry): StateEntry {
    this.steps.push({ name, step });
    return entry;
  }
}

type Entry = (id: string, applied: Props, outputs: Props) => StateEntry;
