import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // CI machines have 2 cores; forks isolate the WASM parsers per file.
    pool: 'forks',
    testTimeout: 30_000,
  },
});
