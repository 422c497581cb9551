/**
 * Takes the one-time token out of the address bar before anything else runs, so it does
 * not stay in history, get bookmarked or shared, or leak to anything the page loads later.
 */
export function takeTokenFromUrl(): string | null {
  const url = new URL(location.href);
  const token = url.searchParams.get("token");
  url.searchParams.delete("token");
  history.replaceState(null, "", url.pathname + url.search + url.hash);
  return token === null || token === "" ? null : token;
}
