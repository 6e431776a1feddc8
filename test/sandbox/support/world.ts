import { catalog } from '@distribu/shared/catalog';
import { verify } from '@distribu/shared/runtime';
import { deliverySchema } from '@distribu/shared/schemas';
import { startSandbox, type Sandbox } from '../../../sandbox/src';
import { startCatcher, type Catcher, type Caught } from '../../../scripts/catcher';
import { call, client, type Answer } from './http';

/** A seeded sandbox with one webhook on every event pointing at a catcher. */
export interface World {
  sb: Sandbox;
  catcher: Catcher;
  secret: string;
  api: ReturnType<typeof client>;
  control: (method: string, path: string, body?: unknown) => Promise<Answer>;
  /** Waits for deliveries, then returns the envelopes received (validated and verified), in order. */
  received(): Promise<Array<Caught['json']>>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const [sb, catcher] = await Promise.all([startSandbox({ port: 0, seed: true }), startCatcher()]);
  const api = client(sb.url, sb.apiKey);
  const res = await api('POST', '/api/v1/webhooks', { url: `${catcher.url}/all`, events: catalog.map((e) => e.name) });
  const secret = res.body.data.secret as string;
  return {
    sb,
    catcher,
    secret,
    api,
    control: (method, path, body) => call(sb.url, method, `/_sandbox${path}`, { body }),
    async received() {
      await sb.idle();
      const got = catcher.caught.splice(0);
      for (const c of got) {
        const v = verify({ body: c.raw, headers: c.headers, secrets: [secret] });
        if (!v.ok) throw new Error(`bad signature on ${c.json.event}`);
        const parsed = deliverySchema(c.json.event as never).safeParse(c.json);
        if (!parsed.success) throw new Error(`${c.json.event} failed its schema: ${parsed.error.message}`);
      }
      return got.map((c) => c.json);
    },
    async close() {
      await sb.close();
      await catcher.close();
    },
  };
}
