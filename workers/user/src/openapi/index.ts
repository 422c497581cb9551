// What route files import for their definitions. zod comes straight from "zod" as a
// namespace import (`import * as z from "zod"`), which lets the bundler keep only the
// schema kinds the routes use; @hono/zod-openapi's re-export would bring the document
// generator into the Worker.
export { createRoute, createRouter, ApiRouter, type Declared } from "./router";
