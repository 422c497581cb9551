import fc from "fast-check";
import { encodeSegment, type JsonSchema } from "./openapi";

const KIB = 1024;
// Lengths either side of every bound the API declares (names, emails, tokens, passwords, bodies).
const EDGE_LENGTHS = [0, 1, 11, 12, 31, 32, 33, 99, 100, 101, 127, 128, 129, 199, 200, 201, 255, 256, 257, 319, 320, 321, 1023, 1024, 1025, 16 * KIB + 1];
const NASTY = [
  "\u0000", "a\u0000b", "\ud800", "\udfff", "x\ud83dy", "\u202e", "\u200b", "\ufeff", "e\u0301", "ﬀ", "Ａ", "İ", "ß", "\r\nSet-Cookie: x=1",
  "<script>alert(1)</script>", "'; DROP TABLE users; --", "%00", "../../etc/passwd", "${7*7}", "{{7*7}}", "\\", "\"", "🙂".repeat(12),
  "admin", "*", "users:*", "__proto__", "constructor", "null", "undefined", "NaN", "-0", "1e309",
];
const POLLUTION_KEYS = ["__proto__", "constructor", "prototype", "__defineGetter__", "hasOwnProperty", "toString", "valueOf"];

/** Strings a careless parser, database or template trips over: edges of limits, Unicode oddities, injections. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.tuple(fc.constantFrom(...EDGE_LENGTHS), fc.constantFrom("x", "é", "🙂", "\u0000", "\ud800")).map(([n, ch]) => ch.repeat(n)),
);

/**
 * A path segment or query value as sent: hostile text percent-encoded (cut to 4 KiB: longer
 * URLs never reach a Worker, the edge answers 414 first), or broken encodings as they are.
 */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: hostileString.map((s) => encodeSegment(s).slice(0, 4 * KIB)), weight: 3 },
  { arbitrary: fc.constantFrom("%", "%zz", "%ED%A0%80", "%FF%FE", "%00", "%2F", "..%2F..", "%252F", ".", "..", "%2e%2e", "a;b", "*"), weight: 1 },
);

/** An object nested `levels` deep around a leaf, alternating objects and arrays. */
export const nested = (levels: number, leaf: unknown = 1): unknown =>
  levels === 0 ? leaf : levels % 2 ? { a: nested(levels - 1, leaf) } : [nested(levels - 1, leaf)];

/** An object whose own keys are the names prototype pollution uses (JSON.parse makes them own properties). */
export const pollution: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(...POLLUTION_KEYS), fc.constantFrom("roles", "isAdmin", "polluted", "email"))
  .map(([key, inner]) => JSON.parse(`{"${key}":{"${inner}":["admin"],"prototype":{"${inner}":true}}}`));

/** Any JSON value, weighted towards the hostile ones. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 28, max: 40 }).map((levels) => nested(levels)),
  pollution,
  fc.array(hostileString, { maxLength: 120 }),
);

/** A value that fits the field's schema, so that a body gets past the schema now and then. */
function plausible(name: string, schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.type === "boolean") return fc.boolean();
  if (schema.type === "array") return fc.array(fc.constantFrom("*", "users:read", "users:*", "notes:write", "bogus:perm", "USERS:READ"), { maxLength: 5 });
  if (schema.type === "object" || schema.properties && Object.keys(schema.properties).length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 });
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  if (name === "email") return fc.emailAddress();
  if (schema.format === "password") return fc.string({ minLength: 12, maxLength: 40 });
  return fc.string({ maxLength: schema.maxLength ?? 40 });
}

/** Bodies for a route: its own fields mutated, extra and missing fields, and whole-body junk. */
export function bodyFor(schema: JsonSchema): fc.Arbitrary<string> {
  const fields = Object.entries(schema.properties ?? {}).map(([name, field]) =>
    fc.option(fc.oneof(plausible(name, field), hostileValue).map((value) => [name, value] as const), { freq: 6 }),
  );
  const extras = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...POLLUTION_KEYS, "role", "roles", "id", "userId", "emailVerified"), fc.string()), hostileValue), { maxLength: 3 });
  const shaped = fc.tuple(fc.tuple(...fields), extras).map(([own, extra]) => {
    const entries = [...own.filter((e) => e !== null), ...extra].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`);
    return `{${entries.join(",")}}`;
  });
  const junk = fc.oneof(
    fc.json({ maxDepth: 3 }),
    fc.string({ unit: "binary", maxLength: 60 }),
    fc.integer({ min: 60 * KIB, max: 70 * KIB }).map((n) => `{"pad":"${"x".repeat(n)}"}`),
    fc.integer({ min: 30, max: 2_000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
  );
  return fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: junk, weight: 1 });
}
