// Test entry: the user Worker, plus the session and passkey Workers' RPC entrypoints so
// the SESSION and PASSKEYS service bindings reach real code in the same runtime.
// Plain JS on purpose: each Worker declares its own global `Env`, so the two
// sources cannot be type-checked as one program; each is checked in its own project.
export { default } from "../src/index";
export { SessionService } from "../../session/src/index";
export { PasskeyService } from "../../passkeys/src/index";
