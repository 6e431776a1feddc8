import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxCore } from '../core';
import { NO_FRAMING } from '../http/guard';
import { objectBody } from '../http/body';
import { loadAssets, type Asset } from './assets';
import { LiveFeed } from './live';
import { dashboardEvents, dashboardSnapshot } from './snapshot';

const MAX_NOTE = 300;

// The page only loads its own files, talks to its own origin, and is never framed.
const CSP = `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; ${NO_FRAMING}`;

/**
 * The sandbox's Settings → Webhooks page at `/` (and `/dashboard`): webhooks, their last five
 * deliveries live, fire buttons and secret rotation. It reads `/_sandbox/dashboard/*` and acts
 * through the existing `/_sandbox` controls. Never sends a signing secret except the one a
 * rotation returns. `POST /_sandbox/dashboard/notes {deliveryId, note}` puts a note on a delivery's
 * row: the demo labels the deliveries it loses on purpose, so a red row is never unexplained.
 */
export function dashboardPlugin(core: SandboxCore) {
  const assets = loadAssets();
  return async function dashboard(app: FastifyInstance): Promise<void> {
    const notes = new Map<string, string>();
    const feed = new LiveFeed(() => dashboardSnapshot(core, notes));
    const changed = () => feed.changed();
    // Deliveries finish after their request has been answered, so the deliverer tells us. Webhook
    // changes come from many routes (REST API, rotation, reset): any finished write request
    // prompts a snapshot, which is only pushed when it differs. 'close' also comes when a fault
    // drops the connection after the change.
    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') res.once('close', changed);
    };
    core.deliverer.attemptListeners.add(changed);
    app.server.on('request', onRequest);
    app.addHook('preClose', async () => {
      core.deliverer.attemptListeners.delete(changed);
      app.server.off('request', onRequest);
      feed.close();
    });

    const send = (reply: FastifyReply, asset: Asset) =>
      reply.type(asset.type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(asset.body);
    const page = async (_request: unknown, reply: FastifyReply) => send(reply.header('content-security-policy', CSP), assets['index.html']!);

    app.get('/', page);
    app.get('/dashboard', page);
    app.get('/dashboard/dashboard.css', async (_request, reply) => send(reply, assets['dashboard.css']!));
    app.get('/dashboard/dashboard.js', async (_request, reply) => send(reply, assets['dashboard.js']!));

    app.get('/_sandbox/dashboard/events', async () => ({ data: dashboardEvents() }));
    app.get('/_sandbox/dashboard/webhooks', async () => dashboardSnapshot(core, notes));
    app.post('/_sandbox/dashboard/notes', async (request, reply) => {
      const { deliveryId, note } = objectBody(request);
      if (typeof deliveryId !== 'string' || typeof note !== 'string' || note.length === 0 || note.length > MAX_NOTE) {
        return reply.code(400).send({ error: `Send {"deliveryId": "...", "note": "..."} with a note of 1 to ${MAX_NOTE} characters.` });
      }
      if (![...core.store.webhooks.values()].some((w) => w.deliveries.some((d) => d.id === deliveryId))) {
        return reply.code(404).send({ error: `No delivery ${deliveryId} in the webhooks' logs.` });
      }
      notes.set(deliveryId, note);
      return reply.code(204).send();
    });
    app.get('/_sandbox/dashboard/stream', (request, reply) => {
      reply.hijack();
      request.raw.socket.setNoDelay(true);
      feed.open(reply.raw);
    });
  };
}
