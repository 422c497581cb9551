// Every feature is a small router; schema failures all become 400 VALIDATION_FAILED.
export { createRouter } from "./openapi/router";
