import wasm from "argon2-browser/dist/argon2-simd.wasm";
import { argon2BrowserCandidate } from "./argon2-browser-glue";
import { benchWorker } from "./bench-worker";

export default benchWorker(argon2BrowserCandidate(wasm));
