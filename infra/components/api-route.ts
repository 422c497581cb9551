import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";

export interface ApiRouteArgs {
  /** The zone of the custom domain (`customDomainZoneId`). */
  zoneId: string;
  /** The custom domain (`customDomain`): its CNAME must be proxied for a route to run. */
  hostname: string;
  /** The user Worker's script; the route waits for it. */
  script: cloudflare.WorkersScript;
  /** Static files of the site under /api (`/api/openapi.json`): Pages keeps serving them. */
  staticPaths: readonly string[];
}

/**
 * `<hostname>/api/*` runs the user Worker straight from the zone, before the proxied CNAME's
 * origin (Pages), so an API call skips the gateway's Function invocation. Same origin as the
 * pages, so cookies and the same-origin checks hold; the Worker sets its own security headers.
 * Each static file under /api gets a more specific route with no Worker: Pages serves it.
 *
 * @example
 * new ApiRoute("api-route", { zoneId, hostname: "app.example.com", script: user.script, staticPaths: ["/api/openapi.json"] });
 */
export class ApiRoute extends pulumi.ComponentResource {
  readonly route: cloudflare.WorkersRoute;
  readonly pattern: pulumi.Output<string>;

  constructor(name: string, args: ApiRouteArgs, opts?: pulumi.ComponentResourceOptions) {
    super("workers-users:index:ApiRoute", name, {}, opts);
    this.route = this.createRoute(name, args);
    this.pattern = this.route.pattern;
    args.staticPaths.forEach((path) => this.createBypass(name, args, path));
    this.registerOutputs({ pattern: this.pattern });
  }

  private createRoute(name: string, args: ApiRouteArgs): cloudflare.WorkersRoute {
    return new cloudflare.WorkersRoute(
      `${name}-api`,
      { zoneId: args.zoneId, pattern: `${args.hostname}/api/*`, script: args.script.scriptName },
      { parent: this, dependsOn: [args.script] },
    );
  }

  // A route without a script turns Workers off where it matches, and the most specific pattern
  // wins; the trailing `*` keeps a query string on the file from falling through to the Worker.
  private createBypass(name: string, args: ApiRouteArgs, path: string): cloudflare.WorkersRoute {
    return new cloudflare.WorkersRoute(
      `${name}-static${path.replaceAll("/", "-")}`,
      { zoneId: args.zoneId, pattern: `${args.hostname}${path}*` },
      { parent: this },
    );
  }
}
