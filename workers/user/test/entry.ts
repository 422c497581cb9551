// Test entry: the user Worker, plus the session Worker's RPC entrypoint so the
// SESSION service binding reaches real session code in the same runtime.
export { default } from "../src/index";
export { SessionService } from "../../session/src/index";
