import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxCore } from '../core';
import { NO_FRAMING } from '../guard';
import { loadAssets, type Asset } from './assets';
import { LiveFeed } from './live';
import { dashboardEvents, dashboardSnapshot } from './snapshot';

// The page only loads its own files, talks to its own origin, and is never framed.
const CSP = `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; ${NO_FRAMING}`;

/**
 * The sandbox's Settings → Webhooks page at `/` (and `/dashboard`): webhooks, their last five
 * deliveries live, fire buttons and secret rotation. It reads `/_sandbox/dashboard/*` and acts
 * through the existing `/_sandbox` controls. Never sends a signing secret except the one a
 * rotation returns.
 */
export function dashboardPlugin(core: SandboxCore) {
  const assets = loadAssets();
  return async function dashboard(app: FastifyInstance): Promise<void> {
    const feed = new LiveFeed(() => dashboardSnapshot(core));
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
    app.get('/_sandbox/dashboard/webhooks', async () => dashboardSnapshot(core));
    app.get('/_sandbox/dashboard/stream', (request, reply) => {
      reply.hijack();
      request.raw.socket.setNoDelay(true);
      feed.open(reply.raw);
    });
  };
}
