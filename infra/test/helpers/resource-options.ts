import { MockMonitor } from "@pulumi/pulumi/runtime/mocks.js";

/** The resource options the program sent with a registration, as `pulumi up` sends them to the engine. */
export interface SentOptions {
  urn: string;
  parent: string;
  protect: boolean;
  ignoreChanges: string[];
  dependencies: string[];
  deleteBeforeReplace: boolean;
  additionalSecretOutputs: string[];
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProtect(): boolean;
  getIgnorechangesList(): string[];
  getDependenciesList(): string[];
  getDeletebeforereplace(): boolean;
  getAdditionalsecretoutputsList(): string[];
}

const sent = new Map<string, SentOptions>();
let installed = false;

/**
 * Pulumi's mock monitor hands `newResource` the inputs only; this records the
 * options of each registration (protect, ignoreChanges, dependencies) on the
 * way in, so tests can see them too.
 */
export function recordOptions(): void {
  if (installed) return;
  installed = true;
  const monitor = MockMonitor.prototype as unknown as {
    registerResource(req: RegisterRequest, callback: unknown): Promise<void>;
    newUrn(parent: string, type: string, name: string): string;
  };
  const register = monitor.registerResource;
  monitor.registerResource = function (this: typeof monitor, req, callback) {
    sent.set(`${req.getType()}::${req.getName()}`, {
      urn: this.newUrn(req.getParent(), req.getType(), req.getName()),
      parent: req.getParent(),
      protect: req.getProtect(),
      ignoreChanges: req.getIgnorechangesList(),
      dependencies: req.getDependenciesList(),
      deleteBeforeReplace: req.getDeletebeforereplace(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    });
    return register.call(this, req, callback);
  };
}

export function optionsOf(type: string, name: string): SentOptions {
  const found = sent.get(`${type}::${name}`);
  if (!found) throw new Error(`no registration of ${type} ${name} was seen`);
  return found;
}
