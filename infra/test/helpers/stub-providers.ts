// The real providers cannot be serialized from inside vitest (its module runner
// puts its own functions in every closure), so the mocked-program tests give the
// dynamic resources these stubs to serialize. The real providers run in-process
// where a test needs them (vi.importActual: the lifecycle and contract tests), and
// serialized in test/serialized-providers.test.ts, under tsx, the way `pulumi up` loads them.
export const stubD1 = { d1MigrationsProvider: { create: async () => ({ id: "stub", outs: {} }) } };
export const stubPages = { pagesDeploymentProvider: { create: async () => ({ id: "stub", outs: {} }) } };
