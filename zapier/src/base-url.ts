// The connection's Base URL: https, except a Distribu on this computer (the sandbox), so the API
// key never crosses a network in clear text.
import { DEFAULT_BASE_URL } from '@distribu/shared/runtime';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** What is wrong with a Base URL, in plain words; undefined when it may be used (empty means the default). */
export function baseUrlProblem(baseUrl: unknown): string | undefined {
  if (baseUrl === undefined || baseUrl === null || (typeof baseUrl === 'string' && baseUrl.trim() === '')) return undefined;
  let url: URL;
  try {
    url = new URL(String(baseUrl).trim());
  } catch {
    return `The Base URL is not a web address. Leave it as ${DEFAULT_BASE_URL} unless you connect a Distribu staging or test server.`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return undefined;
  return `The Base URL must start with https:// (plain http only for a Distribu running on this computer), so the API key is never sent unencrypted. Leave it as ${DEFAULT_BASE_URL} unless you connect a Distribu staging or test server.`;
}
