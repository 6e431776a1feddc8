/** One jest run for the whole repository: unit, contract and end-to-end tests live under test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // fastify's inject (light-my-request) requires cookie 2, which ships only as ES modules: compiled like our code.
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  testTimeout: 30000,
  // Suites close their servers and n8n in afterAll. The unit suites and 57 more (Zapier end-to-end, sandbox,
  // services, shared, operations) were checked to exit by themselves, in band as on 2 cores (jest.unit.config.js
  // runs without this); the suites that run a real n8n, Chromium or `npm start` were not checked one by one. Should
  // one of them leave a handle, exit anyway rather than hold CI until its time limit. Jest prints "Force exiting
  // Jest" whenever this is on, handle or not.
  forceExit: true,
};
