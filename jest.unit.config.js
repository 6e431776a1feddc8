/**
 * `npm run test:unit`: the quick loop while working (no n8n, no browser, no zip build, no waiting
 * on timeouts). `npm test` runs everything, these included.
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testPathIgnorePatterns: [
    '/node_modules/',
    '/test/n8n-e2e/', // a real n8n
    '/test/dashboard/', // headless Chromium
    '/test/demo/', // `npm start` end to end
    '\\.e2e\\.test\\.ts$', // the Zapier app end to end through the hooks.zapier.com stand-in
    '/cli\\.test\\.ts$', // the zapier-platform CLI and the zip build; the sandbox CLI as a process
    '/test/n8n/(lint|package|pack)\\.test\\.ts$', // n8n's linter, the package build, npm pack/publish of a copy
    '/test/n8n/faults\\.test\\.ts$', // the fault matrix waits out the client's timeouts
    '\\.property\\.test\\.ts$', // fuzzing and property runs (thousands of cases)
  ],
};
