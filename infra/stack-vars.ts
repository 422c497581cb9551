import type { StackConfig } from "./config";

/** Switches for the local stack only: a deployed stack keeps wrangler.jsonc's value. */
const LOCAL_ONLY = ["RATE_LIMIT_IP"];

/** Vars every deployed stack sets itself; APP_URL is the site's URL once the project exists. */
export function stackVars(config: StackConfig): Record<string, string> {
  if (config.stack === "local") throw new Error(`stack config: "local" names the local stack's environment; name this stack otherwise`);
  const vars = {
    ENVIRONMENT: config.stack,
    APP_URL: "",
    EMAIL_PROVIDER: config.emailProvider,
    ...(config.emailFrom ? { EMAIL_FROM: config.emailFrom } : {}),
    ADMIN_EMAILS: config.adminEmails.join(","),
    OAUTH_PROVIDERS: config.oauth.providers,
  };
  const localOnly = Object.keys(config.vars).find((name) => LOCAL_ONLY.includes(name));
  if (localOnly) throw new Error(`stack config: vars.${localOnly} is for the local stack only; deployed stacks keep per-IP throttling on`);
  const clash = Object.keys(config.vars).find((name) => name in vars || name === "EMAIL_FROM");
  if (clash) throw new Error(`stack config: vars.${clash} is set by the program; use its own config key (see docs/deploy.md)`);
  return vars;
}
