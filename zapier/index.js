// Zapier's CommonJS wrapper and the build's smoke test load this file (see build.mjs).
module.exports = require('./lib/index.js').default;
