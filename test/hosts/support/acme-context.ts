// n8n's hook and webhook context as the trigger's methods see it, for an Acme node on loopback: static data,
// the node's URL, the selected event, the credential, a logger, and n8n's authenticated request over fetch.
export const URL_OF_NODE = 'https://n8n.example/webhook/abc-123/webhook';

export function acmeNodeContext(apiUrl: string, staticData: Record<string, unknown>, logs: string[] = [], extra: Record<string, unknown> = {}) {
  return {
    getWorkflowStaticData: () => staticData,
    getWorkflow: () => ({ id: 'wf1', name: 'Acme things' }),
    getNodeWebhookUrl: () => URL_OF_NODE,
    getNodeParameter: (name: string, fallback: unknown) => (name === 'events' ? ['thing.made'] : fallback),
    getCredentials: async () => ({ baseUrl: apiUrl, apiKey: 'acme_sk_test' }),
    getNode: () => ({ id: 'n1', name: 'Acme Trigger' }),
    getMode: () => 'webhook',
    logger: { info: (l: string) => logs.push(l), warn: (l: string) => logs.push(l) },
    helpers: {
      returnJsonArray: (items: unknown[]) => items.map((json) => ({ json })),
      async httpRequestWithAuthentication(_credential: string, request: { method: string; url: string; body?: unknown }) {
        const response = await fetch(request.url, {
          method: request.method,
          headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
        });
        const text = await response.text();
        return { statusCode: response.status, body: text ? JSON.parse(text) : undefined, headers: {} };
      },
    },
    ...extra,
  } as never;
}
