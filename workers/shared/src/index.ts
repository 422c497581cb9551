export * from "./crypto";
export * from "./errors";
export * from "./problem";
export * from "./session-contract";
export * from "./session-client";
export * from "./permissions";
export * from "./fetch-session";
export * from "./same-origin";
