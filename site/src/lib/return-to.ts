/**
 * Where sign-in leads back to: a path on this origin, nothing else. `//host` and `/\host`
 * are other origins to a browser, so only a single "/" followed by neither is accepted,
 * and backslashes or control characters anywhere refuse the value outright.
 */
export function sameOriginPath(value: string): string | null {
  if (!/^\/(?![/\\])/.test(value) || /[\\\u0000-\u001f\u007f]/.test(value)) return null;
  const url = new URL(value, location.origin);
  if (url.origin !== location.origin || url.pathname === "/login") return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The page to open after signing in: `?returnTo=` when it is a path on this origin, else the account. */
export function afterSignIn(search: string = location.search): string {
  const asked = new URLSearchParams(search).get("returnTo");
  return (asked === null ? null : sameOriginPath(asked)) ?? "/account";
}

/** The sign-in page, coming back to this page afterwards (the account page is where it goes anyway). */
export function loginReturningHere(): string {
  const here = `${location.pathname}${location.search}${location.hash}`;
  if (["/", "/account", "/login"].includes(location.pathname)) return "/login";
  return `/login?returnTo=${encodeURIComponent(here)}`;
}
