/** One jest run for the whole repository: unit, contract and end-to-end tests live under test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // fastify's inject (light-my-request) requires cookie 2, which ships only as ES modules: compiled like our code.
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  testTimeout: 30000,
  // Suites close their servers and n8n in afterAll; should one handle still linger after every
  // test has finished, exit anyway rather than hold CI until its time limit.
  forceExit: true,
};
