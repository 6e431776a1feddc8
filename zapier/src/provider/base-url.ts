// The connection's Base URL: https, except a provider's server on this computer (a sandbox), so the API key
// never crosses a network in clear text.
import type { HostProvider } from '@distribu/shared/kit';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** What is wrong with a Base URL, in plain words; undefined when it may be used (empty means the default). */
export function baseUrlProblem(host: HostProvider, baseUrl: unknown): string | undefined {
  if (baseUrl === undefined || baseUrl === null || (typeof baseUrl === 'string' && baseUrl.trim() === '')) return undefined;
  const name = host.names.displayName;
  const keep = `Leave it as ${host.api!.baseUrl.default} unless you connect a ${name} staging or test server.`;
  let url: URL;
  try {
    url = new URL(String(baseUrl).trim());
  } catch {
    return `The Base URL is not a web address. ${keep}`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return undefined;
  return `The Base URL must start with https:// (plain http only for a ${name} running on this computer), so the API key is never sent unencrypted. ${keep}`;
}
