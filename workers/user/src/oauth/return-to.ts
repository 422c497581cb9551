/**
 * Where a sign-in may send the browser afterwards: a path on this origin, nothing else.
 * `//evil.example`, `/\evil.example` and `https://evil.example` are refused (browsers read
 * the first two as other hosts), as is anything with control characters or over 512 characters.
 */
export function safeReturnTo(value: string | undefined | null): string | null {
  if (!value || value.length > 512 || !value.startsWith("/")) return null;
  if (value.startsWith("//") || value.includes("\\") || /[\p{C}\s]/u.test(value)) return null;
  // The URL parser is what a browser uses: the path must still be ours after it.
  const parsed = new URL(value, "https://origin.invalid");
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  // Percent-encoding can triple a path; the flow cookie keeps it within its bound.
  return parsed.origin === "https://origin.invalid" && path.length <= 512 ? path : null;
}
