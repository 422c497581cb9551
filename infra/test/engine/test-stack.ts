import * as pulumi from "@pulumi/pulumi";
import type { BuildOutputs } from "../../../scripts/build";
import main from "../../index";
import { fixtureBuild } from "../helpers/fixture-build";
import { optionsOf, recordOptions } from "../helpers/resource-options";
import { settle } from "../helpers/run-program";
import { ACCOUNT_ID, SECRETS } from "../helpers/stack-constants";
import { StepRunner, type StateEntry, type Step } from "./stack-engine";

export interface UpOptions {
  root: string;
  /** Stack config on top of a valid default; `undefined` removes a key. */
  config?: Record<string, string | undefined>;
}

const FAST = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 };

/**
 * One stack's life against the account fake: `up` runs the whole program under
 * Pulumi's mocks with every registration applied by the step runner, then
 * deletes what the program no longer declares; `refresh` and `destroy` work on
 * the state those runs left. Resources are deleted dependants first.
 */
export class TestStack {
  readonly runner: StepRunner;
  private readonly dist: BuildOutputs = fixtureBuild();

  constructor(
    private readonly stack: string,
    private readonly baseUrl: string,
    dynamic: Record<string, pulumi.dynamic.ResourceProvider>,
  ) {
    this.runner = new StepRunner({ baseUrl, token: SECRETS.apiToken }, dynamic, { retry: FAST, poll: FAST });
  }

  get state(): StateEntry[] {
    return [...this.runner.state.values()];
  }

  async up(options: UpOptions): Promise<{ name: string; step: Step }[]> {
    this.runner.steps = [];
    const registered = new Set<string>();
    let fail: (error: unknown) => void = () => {};
    const failed = new Promise<never>((_, reject) => (fail = reject));
    this.configure(options.config ?? {});
    recordOptions();
    await pulumi.runtime.setMocks(
      {
        newResource: async ({ type, name, inputs, custom }) => {
          if (!custom) return { id: "", state: {} };
          registered.add(optionsOf(type, name).urn);
          return this.runner.register(type, name, inputs).catch((error: unknown) => {
            fail(error);
            throw error;
          });
        },
        call: () => ({}),
      },
      "workers-users",
      this.stack,
      false,
    );
    try {
      const outputs = await Promise.race([main({ root: options.root, build: async () => this.dist }), failed]);
      await Promise.race([settle(pulumi.output(outputs)), failed]);
    } finally {
      await Promise.race([pulumi.runtime.disconnect(), new Promise((resolve) => setTimeout(resolve, 1000))]);
    }
    await this.deleteInOrder(this.state.filter((e) => !registered.has(e.urn)));
    return this.runner.steps;
  }

  async refresh(): Promise<void> {
    for (const entry of this.state) await this.runner.refresh(entry);
  }

  async destroy(): Promise<void> {
    for (const entry of this.state) this.runner.refuseIfProtected(entry, "deleted");
    await this.deleteInOrder(this.state);
  }

  entry(name: string): StateEntry {
    const found = this.state.find((e) => e.name === name);
    if (!found) throw new Error(`${name} is not in the state`);
    return found;
  }

  private async deleteInOrder(entries: StateEntry[]): Promise<void> {
    let remaining = entries;
    while (remaining.length > 0) {
      const ready = remaining.filter((e) => !remaining.some((o) => o !== e && o.dependencies.includes(e.urn)));
      if (ready.length === 0) throw new Error(`dependency cycle among ${remaining.map((e) => e.name).join(", ")}`);
      await Promise.all(ready.map((e) => this.runner.delete(e)));
      remaining = remaining.filter((e) => !ready.includes(e));
    }
  }

  private configure(extra: Record<string, string | undefined>): void {
    const config: Record<string, string | undefined> = {
      "cloudflare:apiToken": SECRETS.apiToken,
      "workers-users:accountId": ACCOUNT_ID,
      "workers-users:apiBaseUrl": this.baseUrl,
      "workers-users:resendApiKey": SECRETS.resendApiKey,
      "workers-users:emailFrom": "App <no-reply@example.com>",
      "workers-users:adminEmails": "admin@example.com",
      ...extra,
    };
    const present = Object.fromEntries(Object.entries(config).filter((e): e is [string, string] => e[1] !== undefined));
    pulumi.runtime.setAllConfig(present, ["cloudflare:apiToken", "workers-users:resendApiKey"]);
  }
}
