import * as pulumi from "@pulumi/pulumi";
import { signingKeysProvider } from "./signing-keys-provider";

/**
 * The Ed25519 keys the user Worker signs its tokens with (`TOKEN_SIGNING_KEYS`), one set
 * per stack. Raising `generation` rotates: a new key signs and the old one stays
 * published until every token it signed has expired.
 *
 * @example
 * const keys = new SigningKeys("token-keys", { generation: 1 });
 * // keys.keys: a secret Output<string>, the Worker's binding
 */
export class SigningKeys extends pulumi.dynamic.Resource {
  declare readonly keys: pulumi.Output<string>;

  constructor(name: string, args: { generation: number }, opts?: pulumi.CustomResourceOptions) {
    super(signingKeysProvider, name, { ...args, keys: undefined }, { ...opts, additionalSecretOutputs: ["keys"] }, "workers-users", "SigningKeys");
  }
}
