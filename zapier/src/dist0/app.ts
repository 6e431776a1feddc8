// The Zapier app "dist0". Public Zapier apps may not ship paste-the-URL ("static") webhook triggers and dist0 has no
// API to register one, so the app polls dist0's read API: New Pain (pains.list, newest first; Zapier deduplicates by
// `id`), and offers a search for each read capability that takes an id. Connection by API key, labelled with the
// project's name. A 403 (a key dist0 does not know or that was cancelled) is ExpiredAuthError outside the connection
// test, so Zapier asks the user to reconnect; the connection test shows the same plain words as a plain error.
// Every fact comes from dist0's provider data (zod-free): capabilities, words, base URL.
import { version as platformVersion, type Bundle, type ZObject } from 'zapier-platform-core';
import { DIST0_BASE_URL, DIST0_CAPABILITIES, describeDist0Error, DIST0_PLACES, type Dist0Capability } from '@distribu/shared/providers/dist0';

const RECORD_SAMPLES: Record<string, Record<string, unknown>> = {
  pain: { id: 'pain_41a', title: 'Losing track of lead sources', summary: 'Buyers cannot tell which community a lead came from.', posts: 7, firstSeenAt: '2026-06-28T10:00:00.000Z', lastSeenAt: '2026-07-02T16:20:00.000Z' },
};

/** `https://dist0.com` or a typed base URL, without a trailing slash or `/api/v1`. */
export function dist0Root(baseUrl: unknown): string {
  const typed = typeof baseUrl === 'string' && baseUrl.trim() !== '' ? baseUrl.trim() : DIST0_BASE_URL;
  return `${typed.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}/api/v1`;
}

async function invoke(z: ZObject, bundle: Bundle, capability: string, input: Record<string, unknown>): Promise<any> {
  const response = await z.request({ url: `${dist0Root(bundle.authData.baseUrl)}/invoke`, method: 'POST', body: { capability, input } });
  return (response.data as { data: unknown }).data;
}

const includeKey = (request: any, _z: ZObject, bundle: Bundle) => {
  request.headers = { ...request.headers, Authorization: `Bearer ${bundle.authData.apiKey}` };
  return request;
};

/** dist0's words for an error status; 403 is an expired connection, except while the connection itself is tested. */
const errorsInPlainWords = (response: any, z: ZObject, bundle: Bundle) => {
  if (response.status >= 200 && response.status < 300) return response;
  const said = response.data?.error?.message;
  const message = describeDist0Error(response.status, response.status === 403 || typeof said !== 'string' ? undefined : said.slice(0, 200));
  if (response.status === 403 && !bundle.meta?.isTestingAuth) throw new z.errors.ExpiredAuthError(message);
  if (response.status === 404) return response; // a search that finds nothing
  throw new z.errors.Error(message, `dist0_${response.status}`, response.status);
};

const searches = Object.fromEntries(
  DIST0_CAPABILITIES.filter((c): c is Dist0Capability => c.kind === 'get' && c.capability !== 'project.memory').map((c) => {
    const key = c.capability.replace('.', '_');
    return [
      key,
      {
        key,
        noun: c.label.replace(/^Get /, ''),
        display: { label: c.label.replace(/^Get /, 'Find '), description: c.description.replace(/ Changes nothing\.$/, '') },
        operation: {
          inputFields: [{ key: 'id', label: 'ID', required: true, helpText: `The ${c.resource} id, as dist0 shows it or a webhook item carries it.` }],
          perform: async (z: ZObject, bundle: Bundle) => {
            const response = await z.request({ url: `${dist0Root(bundle.authData.baseUrl)}/invoke`, method: 'POST', body: { capability: c.capability, input: { id: String(bundle.inputData.id) } }, skipThrowForStatus: true });
            if (response.status === 404) return [];
            const data = (response.data as { data: Record<string, unknown> }).data;
            return [{ id: String(data.id ?? data.painId ?? bundle.inputData.id), ...data }];
          },
          sample: c.resource === 'pain' ? RECORD_SAMPLES.pain : { id: 'post_3xB8' },
        },
      },
    ];
  }),
);

export const dist0App = {
  version: '0.1.0',
  platformVersion,
  authentication: {
    type: 'custom' as const,
    fields: [
      { key: 'apiKey', label: 'API Key', required: true, type: 'password' as const, helpText: `Create a key in dist0 (${DIST0_PLACES.apiKeys}); a key tied to one project reads only that project.` },
      { key: 'baseUrl', label: 'Base URL', required: false, helpText: `Leave empty for ${DIST0_BASE_URL}.` },
    ],
    // Lists the projects the key reads: proves the key, changes nothing, and names the connection.
    test: async (z: ZObject, bundle: Bundle) => {
      const page = await invoke(z, bundle, 'project.list', { pageSize: 5 });
      const names = (page.items as Array<{ name: string }>).map((p) => p.name);
      return { label: names.length === 1 ? names[0] : `${names.length} projects: ${names.join(', ')}` };
    },
    connectionLabel: '{{label}}',
  },
  beforeRequest: [includeKey],
  afterResponse: [errorsInPlainWords],
  triggers: {
    new_pain: {
      key: 'new_pain',
      noun: 'Pain',
      display: { label: 'New Pain', description: 'Triggers when dist0 finds a new buyer pain in your project (checked on Zapier\'s polling schedule).' },
      operation: {
        // Newest first, one page: Zapier keeps every id it has seen and runs the Zap for the new ones.
        perform: async (z: ZObject, bundle: Bundle) => (await invoke(z, bundle, 'pains.list', { sort: 'recent', pageSize: 50 })).items,
        sample: RECORD_SAMPLES.pain,
      },
    },
  },
  searches,
};

export default dist0App;
