export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small JSON client for the sandbox: `call(base, 'POST', '/api/v1/webhooks', {key, body})`. */
export async function call<T = any>(
  base: string,
  method: string,
  path: string,
  options: { key?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${base}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** Binds the base URL and key: `const api = client(sb.url, sb.apiKey); await api('GET', '/api/v1/orders')`. */
export function client(base: string, key: string | null) {
  return <T = any>(method: string, path: string, body?: unknown, extra: { key?: string | null; headers?: Record<string, string> } = {}) =>
    call<T>(base, method, path, { key: extra.key === undefined ? key : extra.key, body, headers: extra.headers });
}
