import type { RelyingParty } from "@workers-users/shared";
import { getConfig } from "../config";

/**
 * The relying party is the site's public origin (APP_URL), never the Host header: the RP ID
 * is its host name, and the browser must report exactly that origin. WebAuthn refuses IP
 * addresses as RP IDs, so the local stack (and only it) serves passkeys on `localhost`.
 */
export function relyingParty(env: Env): RelyingParty & { rpName: string } {
  const config = getConfig(env);
  const url = new URL(config.appUrl);
  if (config.local && url.hostname === "127.0.0.1") url.hostname = "localhost";
  return { rpId: url.hostname, origin: url.origin, rpName: config.appName };
}
