import { createRouter } from "../router";
import { accountPasskeys } from "./account-routes";
import { passkeySignIn } from "./sign-in-routes";

/** Passkeys under /api: managing them on the account, and signing in with one. */
export const passkeys = createRouter().route("/account/passkeys", accountPasskeys).route("/auth/passkey", passkeySignIn);
