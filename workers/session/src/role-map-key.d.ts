/** The KV key of the role map (see access.ts); `npm start` clears it so migrations' grants show at once. */
export declare const ROLE_MAP_KEY = "rbac:role-ids";
