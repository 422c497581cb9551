import { WorkerEntrypoint } from "cloudflare:workers";
import type {
  AssertionResult,
  AuthenticationOptionsInput,
  CeremonyOptions,
  CredentialResponseJSON,
  PasskeyApi,
  PasskeyCredential,
  RegistrationOptionsInput,
  RegistrationResult,
  RelyingParty,
} from "@workers-users/shared";
import { authenticationOptions, verifyAuthentication } from "./authentication";
import { registrationOptions, verifyRegistration } from "./registration";

/**
 * WebAuthn's ceremonies for the user Worker, over RPC (docs/decisions/0014): it gets the
 * expected challenge, origin, RP ID and stored credential with each call and answers with
 * the result. No binding, no state: what to allow, store and audit is the caller's policy.
 */
export class PasskeyService extends WorkerEntrypoint<Env> implements PasskeyApi {
  registrationOptions(input: RegistrationOptionsInput): Promise<CeremonyOptions> {
    return registrationOptions(input);
  }

  verifyRegistration(input: RelyingParty & { challenge: string; response: CredentialResponseJSON }): Promise<RegistrationResult> {
    return verifyRegistration(input);
  }

  authenticationOptions(input: AuthenticationOptionsInput): Promise<CeremonyOptions> {
    return authenticationOptions(input);
  }

  verifyAuthentication(
    input: RelyingParty & { challenge: string; response: CredentialResponseJSON; credential: PasskeyCredential },
  ): Promise<AssertionResult> {
    return verifyAuthentication(input);
  }
}

// No public entry: any HTTP request that somehow reaches this Worker gets a 404.
export default {
  fetch: () => new Response(null, { status: 404 }),
} satisfies ExportedHandler<Env>;
