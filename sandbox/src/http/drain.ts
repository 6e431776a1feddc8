import type { IncomingMessage } from 'node:http';

/** The largest request body the sandbox reads (Distribu's requests are small). */
export const BODY_LIMIT = 1024 * 1024;
const DRAIN_LIMIT = 8 * BODY_LIMIT;

/**
 * Resolves once the request body has been read (now or after discarding the rest). An answer sent
 * before then, e.g. a refusal in onRequest, would close a `Connection: close` socket with unread
 * bytes in it: the kernel then resets it and the client can lose the answer. Bodies far past the
 * cap are not read through; their client may see the reset.
 */
export function drained(raw: IncomingMessage): Promise<void> {
  // readableEnded: the body was read to its end already (fastify's inject never sets `complete`).
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let read = 0;
    const done = () => {
      raw.off('data', count);
      resolve();
    };
    const count = (chunk: Buffer) => {
      read += chunk.length;
      if (read > DRAIN_LIMIT) done();
    };
    raw.on('data', count).once('end', done).once('error', done).once('close', done);
    raw.resume();
  });
}
