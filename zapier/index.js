// Zapier's CommonJS wrapper and the build's smoke test load this file (see scripts/build.mts).
module.exports = require('./lib/index.js').default;
