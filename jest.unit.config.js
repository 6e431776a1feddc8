/**
 * `npm run test:unit`: the quick loop while working (no n8n, no browser, no zip build, no waiting
 * on timeouts). `npm test` runs everything, these included.
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  // Every suite here closes what it opened: a handle left open shows as "Jest did not exit", to be fixed, not hidden.
  forceExit: false,
  testPathIgnorePatterns: [
    '/node_modules/',
    // every end-to-end suite: a real n8n (test/n8n-e2e), headless Chromium (test/dashboard), `npm start`
    // (test/demo), the Zapier app through the hooks.zapier.com stand-in (test/zapier)
    '\\.e2e\\.test\\.ts$',
    '[/-]cli\\.test\\.ts$', // the zapier-platform CLI and the zip build; the sandbox CLI as a process
    '/test/n8n/(lint|package|pack)\\.test\\.ts$', // n8n's linter, the package build, npm pack/publish of a copy
    '/test/n8n/faults\\.test\\.ts$', // the fault matrix waits out the client's timeouts
    '\\.property\\.test\\.ts$', // fuzzing and property runs (thousands of cases)
  ],
};
