import { OpenAPIHono } from "@hono/zod-openapi";
import { describedOperation } from "./operation";
import type { Declared } from "./router";

/**
 * The OpenAPI 3.1 document of the declared routes, made by @hono/zod-openapi's generator.
 * Build time only (scripts/openapi.ts): the Worker serves the file this produces.
 */
export function openApiDocument(declared: readonly Declared[]) {
  const generator = new OpenAPIHono();
  generator.openAPIRegistry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "__Host-session",
    description: "The session cookie set by sign-in (HttpOnly; the browser sends it on same-origin requests).",
  });
  for (const { route, path } of declared) generator.openapi({ ...describedOperation(route), path }, (c) => c.body(null));
  return generator.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "workers-users API",
      version: "0.1.0",
      description: "User management and sessions on Cloudflare Workers.",
      // SPDX identifier (OpenAPI 3.1); the generator's types only know 3.0's license object.
      license: { name: "MIT", identifier: "MIT" } as { name: string },
    },
    // Served on the site's own origin, wherever it is deployed.
    servers: [{ url: "/" }],
  });
}
