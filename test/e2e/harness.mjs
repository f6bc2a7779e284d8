// A minimal sequential test runner for browser tests: each test gets a fresh page in a shared extension context.
// `build: 'e2e'` runs the suite on the test build (.output-e2e, with host access to 127.0.0.1) instead of the release.
export function createSuite(name, { build = 'release' } = {}) {
  const tests = [];
  const afterAll = [];
  return {
    name,
    build,
    test(title, fn) {
      tests.push({ title, fn });
    },
    /** Clean-up after the last test; not a test, so it is not counted. */
    after(fn) {
      afterAll.push(fn);
    },
    async run(setup) {
      const results = [];
      for (const { title, fn } of tests) {
        const started = Date.now();
        try {
          await fn(setup);
          results.push({ title, ok: true, ms: Date.now() - started });
          console.log(`  ✓ ${name} › ${title} (${Date.now() - started} ms)`);
        } catch (error) {
          results.push({ title, ok: false, error });
          console.log(`  ✗ ${name} › ${title}\n      ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n      ')}`);
        }
      }
      for (const fn of afterAll) {
        try {
          await fn(setup);
        } catch (error) {
          console.log(`  (clean-up of ${name} failed: ${error})`);
        }
      }
      return results;
    },
  };
}

export function assert(condition, message) {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}

export function assertEqual(actual, expected, message) {
  if (actual !== expected) {
    throw new Error(`Assertion failed: ${message}\n      expected: ${JSON.stringify(expected)}\n      actual:   ${JSON.stringify(actual)}`);
  }
}
