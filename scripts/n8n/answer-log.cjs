// Preloaded into a test n8n process (`node --require`, N8nInstance's `recordAnswers`): before each HTTP answer to a
// request that carries the load generator's request number (ANSWER_ID_HEADER in answers.ts), it appends one line
// "<pid> <serving|stopping> <status> <request number>" to $DISTRIBU_ANSWER_LOG, synchronously, before a byte of the
// answer leaves. So a test learns which process answered each delivery, and whether that process's shutdown had begun,
// from the process's own record instead of from when the answer reached the sender. It observes only: n8n's behaviour
// is unchanged. Plain CommonJS because Node loads it before n8n, without a build step.
'use strict';
const fs = require('node:fs');
const http = require('node:http');

const file = process.env.DISTRIBU_ANSWER_LOG;
if (file) {
  const fd = fs.openSync(file, 'a');
  let state = 'serving';
  // Registered before n8n's own handler (this file loads first), so it runs first in the same emit: every answer
  // written after n8n's shutdown began is marked `stopping`, every earlier one `serving`.
  process.once('SIGTERM', () => {
    state = 'stopping';
  });
  const writeHead = http.ServerResponse.prototype.writeHead;
  http.ServerResponse.prototype.writeHead = function (statusCode, ...rest) {
    const id = this.req && this.req.headers['x-load-request'];
    if (typeof id === 'string' && /^\d+$/.test(id) && !this.headersSent) fs.writeSync(fd, `${process.pid} ${state} ${statusCode} ${id}\n`);
    return writeHead.call(this, statusCode, ...rest);
  };
}
