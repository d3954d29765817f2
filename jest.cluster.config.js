/**
 * `npm run test:cluster` only: the production-shaped cluster test (PostgreSQL, the four Temporal
 * services, two workers, two APIs). Kept out of `npm test`: it builds the Temporal server with Go
 * on first use and runs for minutes. No global setup: it starts its own server.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/cluster'],
  testMatch: ['**/*.cluster.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  maxWorkers: 1,
  testTimeout: 300_000,
};
