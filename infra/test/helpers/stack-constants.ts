/** The account and secrets every test stack uses. */
export const ACCOUNT_ID = "0123456789abcdef0123456789abcdef";
export const SECRETS = { apiToken: "cf-token-do-not-leak", resendApiKey: "re_key_do_not_leak" };
