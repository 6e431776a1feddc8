/** The two doors into the sandbox the demo uses: Distribu's REST API (with a key) and the sandbox controls. */
export interface SandboxClient {
  api<T = any>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  control<T = any>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

export function sandboxClient(baseUrl: string, apiKey: string): SandboxClient {
  async function call<T>(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<T> {
    const response = await fetch(url, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new Error(`${method} ${new URL(url).pathname} answered ${response.status}: ${parsed?.error ?? text}`);
    return parsed as T;
  }
  return {
    api: (method, path, body) => call(method, `${baseUrl}/api/v1${path}`, { authorization: `Bearer ${apiKey}` }, body),
    control: (method, path, body) => call(method, `${baseUrl}/_sandbox${path}`, {}, body),
  };
}
