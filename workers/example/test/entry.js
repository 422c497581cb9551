// Test entry: the example Worker, plus the session Worker's RPC entrypoint so the
// SESSION service binding reaches real session code in the same runtime.
// Plain JS on purpose: each Worker declares its own global `Env`, so the two
// sources cannot be type-checked as one program; each is checked in its own project.
export { default } from "../src/index";
export { SessionService } from "../../session/src/index";
