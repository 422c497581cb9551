import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { newMfaEncryptionKey } from "../../infra/providers/mfa-key-provider";
import { newSigningKey, type SigningKeys } from "../../infra/providers/signing-keys-provider";

/**
 * The local stack's token signing keys (the user Worker's `TOKEN_SIGNING_KEYS`): made on
 * its first start and kept with the rest of its state, so tokens stay valid across restarts.
 * Deployed stacks get theirs from the Pulumi program.
 */
export async function localSigningKeys(persistDir: string): Promise<string> {
  const file = join(persistDir, "token-keys.json");
  try {
    return JSON.stringify(JSON.parse(await readFile(file, "utf8")) as SigningKeys);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${file} is unreadable: delete it to make new keys`);
  }
  const keys: SigningKeys = { current: await newSigningKey() };
  await mkdir(persistDir, { recursive: true });
  // Private key material: readable by this user only.
  await writeFile(file, JSON.stringify(keys), { mode: 0o600 });
  return JSON.stringify(keys);
}

/**
 * The local stack's `MFA_ENCRYPTION_KEY`: made on its first start and kept with its state, so
 * second factors set up locally keep working across restarts (a new key would orphan them).
 */
export async function localMfaKey(persistDir: string): Promise<string> {
  const file = join(persistDir, "mfa-key.txt");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${file} is unreadable: delete it to make a new key`);
  }
  const key = newMfaEncryptionKey();
  await mkdir(persistDir, { recursive: true });
  await writeFile(file, key, { mode: 0o600 });
  return key;
}
