import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_HOLD_MS, type Faults, type FaultRule } from '.';

/**
 * The call has been processed (the change is committed) and fastify is about to send `payload`;
 * lose that answer the rule's way. Returns what fastify should send (if anything still goes out).
 *
 * - lost-reset: the connection is reset (TCP RST) before a byte of the answer is sent.
 * - lost-truncated: the status line, headers with the full body's Content-Length and the first half
 *   of the body are sent, then the connection is closed.
 * - lost-hang: nothing is sent for `delayMs` (or until the client gives up), then the connection is dropped.
 */
export async function loseAnswer(faults: Faults, rule: FaultRule, request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  const socket = request.raw.socket;
  switch (rule.status) {
    case 'lost-reset':
      socket.resetAndDestroy();
      return payload;
    case 'lost-hang':
      await faults.hold(rule.delayMs ?? DEFAULT_HOLD_MS, once(socket, 'close'));
      socket.destroy();
      return payload;
    case 'lost-truncated': {
      const full = Buffer.from(typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : '');
      reply.header('content-length', String(full.length));
      return truncatedBody(full.subarray(0, Math.floor(full.length / 2)), () => socket.end());
    }
    default:
      throw new Error(`Fault kind ${String(rule.status)} does not lose an answer.`);
  }
}

/** A body stream that sends `part` and then calls `cut` (never ends, so no complete body goes out). */
function truncatedBody(part: Buffer, cut: () => void): Readable {
  let pushed = false;
  return new Readable({
    read() {
      if (pushed) return;
      pushed = true;
      // Registered after fastify piped this stream into the response, so this runs once the
      // response has written the part (and the headers) to the socket; end() flushes them first.
      this.once('data', cut);
      this.push(part);
    },
  });
}
