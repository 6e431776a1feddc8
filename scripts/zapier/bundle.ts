// How hooks.zapier.com turns an inbound webhook into the `bundle` of a hook trigger's perform
// (https://github.com/zapier/zapier-platform/issues/290): rawRequest keeps the body as the
// raw string and renames headers: every header except Content-Type and Content-Length gets an
// `Http-` prefix, and all are Camel-Cased; cleanedRequest is the parsed body with `querystring`
// merged in.
export interface CapturedRequest {
  method: string;
  /** Header names as received (Node lower-cases them). */
  headers: Record<string, string | string[] | undefined>;
  /** The raw body exactly as received. */
  body: string;
}

const UNPREFIXED = new Set(['content-type', 'content-length']);

export function camelCaseHeader(name: string): string {
  return name
    .split('-')
    .map((part) => (part ? part[0]!.toUpperCase() + part.slice(1).toLowerCase() : part))
    .join('-');
}

export function zapierHeaders(headers: CapturedRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = camelCaseHeader(name);
    out[UNPREFIXED.has(name.toLowerCase()) ? key : `Http-${key}`] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function hookBundle(
  captured: CapturedRequest,
  subscribeData: Record<string, unknown>,
  extra: { authData?: Record<string, string>; inputData?: Record<string, unknown> } = {},
) {
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(captured.body) as Record<string, unknown>;
  } catch {}
  return {
    authData: extra.authData ?? {},
    inputData: extra.inputData ?? {},
    subscribeData,
    targetUrl: undefined,
    rawRequest: { method: captured.method, querystring: '', headers: zapierHeaders(captured.headers), content: captured.body },
    cleanedRequest: { ...parsed, querystring: {} },
  };
}
