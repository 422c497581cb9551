import { describe, expect, it } from "vitest";
import { BUILT_IN_PERMISSIONS, coversGrant, hasPermission, isPermissionGrant, uncoveredGrants } from "../src/permissions";

describe("hasPermission", () => {
  it.each([
    [["users:read"], "users:read", true],
    [["users:*"], "users:read", true],
    [["users:*"], "users:delete", true],
    [["*"], "notes:write", true],
    [["account:read", "users:read"], "users:read", true],
    [[], "users:read", false],
    [["users:read"], "users:write", false],
    [["users:read"], "users:readx", false],
    [["users:read"], "user:read", false],
    [["user:*"], "users:read", false],
    [["users:*"], "users-admin:read", false],
    [["notes:*"], "users:read", false],
    [["USERS:READ"], "users:read", false],
    [["users:read "], "users:read", false],
  ] as const)("%j grants %j: %s", (granted, required, expected) => {
    expect(hasPermission(granted, required)).toBe(expected);
  });

  it.each(["*", "users:*", "users", "", "Users:read", "users:read:extra", ":read", "users:", "__proto__:read"])(
    "never satisfies the malformed or wildcard requirement %j, even for *",
    (required) => {
      expect(hasPermission(["*", "users:*", required], required)).toBe(false);
    },
  );
});

describe("isPermissionGrant", () => {
  it.each(["*", "users:*", "users:read", "notes:write", "a:b", "billing-v2:export_csv"])("accepts %j", (grant) => {
    expect(isPermissionGrant(grant)).toBe(true);
  });

  it.each(["", "users", "*:read", "**", "users:**", "Users:read", "users:read ", " users:read", "1users:read", "users:read:x", `${"a".repeat(33)}:read`])(
    "refuses %j",
    (grant) => {
      expect(isPermissionGrant(grant)).toBe(false);
    },
  );

  it("accepts every built-in permission as a grant that covers itself", () => {
    for (const permission of BUILT_IN_PERMISSIONS) {
      expect(isPermissionGrant(permission)).toBe(true);
      expect(hasPermission([permission], permission)).toBe(true);
    }
  });
});

describe("coversGrant: holding what a grant hands out, wildcards on both sides", () => {
  it.each([
    [["*"], "*", true],
    [["*"], "users:*", true],
    [["*"], "users:read", true],
    [["users:*"], "users:*", true],
    [["users:*"], "users:read", true],
    [["users:read"], "users:read", true],
    [["users:*"], "*", false],
    [["users:read", "users:write", "users:delete"], "users:*", false],
    [["users:read"], "users:*", false],
    [["users:read"], "users:write", false],
    [["notes:*"], "users:read", false],
    [[], "users:read", false],
    [["roles:assign"], "*", false],
  ] as const)("%j covers %j: %s", (held, grant, expected) => {
    expect(coversGrant(held, grant)).toBe(expected);
  });

  it.each(["", "users", "*:*", "Users:read", "users:read:x"])("never covers the malformed grant %j, even for *", (grant) => {
    expect(coversGrant(["*", grant], grant)).toBe(false);
  });
});

describe("uncoveredGrants", () => {
  it("lists each grant not held, once, in the order asked", () => {
    expect(uncoveredGrants(["users:*", "roles:read"], ["users:read", "roles:write", "*", "roles:write"])).toEqual(["roles:write", "*"]);
  });

  it("is empty when everything is held, and for nothing asked", () => {
    expect(uncoveredGrants(["*"], ["*", "users:*", "notes:write"])).toEqual([]);
    expect(uncoveredGrants([], [])).toEqual([]);
  });
});
