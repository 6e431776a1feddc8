import { request } from 'node:http';

/** What a raw HTTP call saw: the head if one came, every body byte received, and how it ended. */
export interface RawAnswer {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  body: string;
  /** The complete body arrived (the response ended normally). */
  complete: boolean;
  /** Why the exchange broke off (`ECONNRESET`, `aborted`...), if it did. */
  error?: string;
  elapsedMs: number;
}

/**
 * One call over node:http that keeps whatever arrived, so a test can tell a reset connection
 * from a truncated body from a hang (fetch only reports "fetch failed").
 */
export function rawCall(
  base: string,
  method: string,
  path: string,
  options: { key?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  const payload = options.body === undefined ? options.rawBody : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const started = Date.now();
  return new Promise((resolve) => {
    let answer: RawAnswer = { body: '', complete: false, elapsedMs: 0 };
    const finish = (extra: Partial<RawAnswer>) => resolve({ ...answer, ...extra, elapsedMs: Date.now() - started });
    // One options object, never request(url, options, cb): zapier-platform-core patches node:http's
    // request process-wide with a two-argument wrapper (src/tools/create-http-patch.js) that drops
    // the options and the callback of the three-argument form, and jest runs suites in one process.
    const url = new URL(`${base}${path}`);
    const target = { protocol: url.protocol, hostname: url.hostname, port: url.port, path: `${url.pathname}${url.search}` };
    const req = request({ ...target, method, headers, agent: false, timeout: options.timeoutMs ?? 10_000 }, (res) => {
      answer = { ...answer, status: res.statusCode, headers: res.headers };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (answer.body += chunk));
      res.on('end', () => finish({ complete: true }));
      res.on('error', (e: NodeJS.ErrnoException) => finish({ error: e.code ?? e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => finish({ error: e.code ?? e.message }));
    req.end(payload);
  });
}
