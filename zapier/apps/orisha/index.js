// Zapier's CommonJS wrapper loads this file; the build writes lib/index.js.
module.exports = require('./lib/index.js').default;
