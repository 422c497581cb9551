// Never bundled (no page imports it); `npm run check` type-checks it. It pins down that the
// site's calls are typed from the routes, so a route change the site does not follow fails
// the check. Each @ts-expect-error fails too once its line stops being an error.
import { api, client } from "./api";

export async function typedFromTheRoutes(): Promise<string[]> {
  const seen: string[] = [];
  const session = await api(client.GET("/api/auth/session"));
  if (session.ok) {
    // A field the route sends: renaming or removing `email` in its schema breaks this line.
    seen.push(session.data.user.email);
    // @ts-expect-error a field the route does not send (a route that starts sending it makes this line fail)
    seen.push(session.data.user.passwordHash);
  }
  const users = await api(client.GET("/api/admin/users"));
  if (users.ok) {
    seen.push(...users.data.users.map((user) => user.id));
    // @ts-expect-error the list's cursor is `nextCursor`
    seen.push(users.data.cursor);
  }
  // @ts-expect-error a path no route serves
  await client.GET("/api/no-such-route");
  // @ts-expect-error sign-in needs a password in its body
  await client.POST("/api/auth/login", { body: { email: "someone@example.com" } });
  // @ts-expect-error a route with a path parameter needs it
  await client.GET("/api/admin/users/{id}");
  // @ts-expect-error the method the route is declared with, not another
  await client.POST("/api/account/sessions");
  return seen;
}
