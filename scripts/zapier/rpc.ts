// A stand-in for Zapier's RPC endpoint, so z.cache runs through core's real RPC client
// (zapier-platform-core src/tools/create-rpc-client.js: POST {id, storeKey, method, params}, answer
// {id, result}). It keeps zcache_get/set/delete with ttl and `nx` as their names say: set with nx
// does not overwrite a live key; get_cursor/set_cursor keep one cursor per `storeKey` (what Zapier
// gives every page of one paging dropdown). Only what the app uses is implemented.
// With a token, core also streams its logs (src/tools/create-logger.js, to LOGGING_ENDPOINT):
// they are kept here too (`logs`), so nothing leaves the machine.
import http from 'node:http';

interface Entry {
  value: string;
  expires: number;
}

export async function startRpc() {
  const store = new Map<string, Entry>();
  const calls: Array<{ method: string; key: string }> = [];
  const cursors = new Map<string, string>();
  const logs: string[] = [];
  const live = (key: string) => {
    const entry = store.get(key);
    if (entry && entry.expires <= Date.now()) store.delete(key);
    return store.get(key);
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.url === '/logs') {
        logs.push(...body.split('\n').filter(Boolean));
        res.writeHead(200).end();
        return;
      }
      const { id, method, params = [], storeKey } = JSON.parse(body) as { id: string; method: string; params: unknown[]; storeKey?: string | null };
      const [key, value, ttl, , nx] = params as [string, string, number | null, unknown, boolean | null];
      calls.push({ method, key });
      let result: unknown;
      if (method === 'zcache_get') result = live(key)?.value ?? null;
      else if (method === 'zcache_set') {
        if (nx && live(key)) result = false;
        else {
          store.set(key, { value, expires: ttl ? Date.now() + ttl * 1000 : Number.POSITIVE_INFINITY });
          result = true;
        }
      } else if (method === 'zcache_delete') result = store.delete(key);
      else if (method === 'get_cursor') result = cursors.get(String(storeKey)) ?? null;
      else if (method === 'set_cursor') {
        cursors.set(String(storeKey), key);
        result = null;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result === undefined ? { id, error: `unknown method ${method}` } : { id, result }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    /** Core's `rpc_base`. */
    rpcUrl: `${url}/rpc`,
    /** Core's LOGGING_ENDPOINT. */
    logUrl: `${url}/logs`,
    store,
    cursors,
    calls,
    logs,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
