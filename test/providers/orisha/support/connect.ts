// An Orisha client over fetch with the kit's client-credentials transport, as a host would build it,
// pointed at an Orisha sandbox. Counts token requests and API calls for the tests.
import { ClientCredentialsToken, clientCredentialsTransport, type AuthorizedSend, type FormPost } from '@distribu/shared/kit';
import { ORISHA_API_PREFIX } from '../../../../shared/src/providers/orisha/assumed-api';
import { OrishaClient } from '../../../../shared/src/providers/orisha/client';
import type { OrishaSandbox } from '../../../../sandbox/orisha/server';

export const formPost: FormPost = async (url, form) => {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
};

export function fetchSend(baseUrl: string, counter?: { calls: number }): AuthorizedSend {
  return async (request, authorization) => {
    if (counter) counter.calls += 1;
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) query.set(k, String(v));
    const qs = query.size > 0 ? `?${query}` : '';
    const r = await fetch(`${baseUrl}${ORISHA_API_PREFIX}${request.path}${qs}`, {
      method: request.method,
      headers: { authorization, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(5_000),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : undefined };
  };
}

export function connect(sandbox: OrishaSandbox, administration: string, who: { clientId: string; clientSecret: string }) {
  const token = new ClientCredentialsToken(
    { tokenUrl: sandbox.tokenUrl, clientId: who.clientId, clientSecret: who.clientSecret, audience: sandbox.audience },
    formPost,
    'Orisha Commerce',
  );
  const counter = { calls: 0 };
  const client = new OrishaClient(clientCredentialsTransport(token, fetchSend(sandbox.url, counter)), administration);
  return { client, token, counter };
}
