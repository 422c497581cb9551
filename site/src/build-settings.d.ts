/** Put in by the build from workers/user/wrangler.jsonc (scripts/lib/site-settings.ts). */
declare const __APP_NAME__: string;
declare const __PASSWORD_MIN_LENGTH__: string;
declare const __PASSWORD_MAX_LENGTH__: string;
