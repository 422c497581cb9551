import * as pulumi from "@pulumi/pulumi";
import { mfaKeyProvider } from "./mfa-key-provider";

/**
 * The key the user Worker encrypts TOTP secrets with (`MFA_ENCRYPTION_KEY`), one per stack,
 * kept secret in Pulumi's state. `pulumi config set --secret mfaEncryptionKey` overrides it.
 *
 * @example
 * const mfa = new MfaEncryptionKey("mfa-key", { protect: true });
 * // mfa.key: a secret Output<string>, the Worker's binding
 */
export class MfaEncryptionKey extends pulumi.dynamic.Resource {
  declare readonly key: pulumi.Output<string>;

  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    super(mfaKeyProvider, name, { key: undefined }, { ...opts, additionalSecretOutputs: ["key"] }, "workers-users", "MfaEncryptionKey");
  }
}
