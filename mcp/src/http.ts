// Streamable HTTP (MCP 2025-03-26 and later), stateless: every POST carries its own connection (a provider's API
// key in `Authorization: Bearer`, or client credentials in `Authorization: Basic` with the provider's headers:
// connection.ts), gets a fresh server session bound to it, and a JSON answer. This is what n8n's MCP Client Tool
// and hosted agents connect to. No key, secret or token is ever logged or echoed.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { checkedProviderBaseUrl, connectionFromRequest, httpScheme, missingCredentialsMessage } from './connection';
import type { McpOptions, McpProvider } from './provider';
import { createMcpServer } from './server';

export interface McpHttpOptions {
  /** 0 picks a free port (default 3333). */
  port?: number;
  /** Loopback by default; bind wider only behind TLS and a proxy you trust. */
  host?: string;
  /** The provider's base URL (default its own, e.g. https://distribu.app). */
  baseUrl?: string;
  /** The endpoint's path (default `/mcp`). */
  path?: string;
  /** The provider it serves: `distribuMcp`, `dist0Mcp`, `orishaMcp`... */
  provider: McpProvider;
  /** Connection fields the server adds to every request's (client credentials: the token URL and audience). */
  credentials?: Record<string, string>;
}

export interface McpHttpServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:3333/mcp`. */
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_HTTP_PORT = 3333;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** A JSON-RPC error answer without an id (nothing was read yet), as the SDK's own transports send. */
function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: status === 401 ? -32001 : -32000, message }, id: null }));
}

/** The Host header's name without its port (`[::1]:3333` → `[::1]`). */
function hostName(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
}

type Settings = { path: string; host: string; provider: McpProvider; server: Pick<McpOptions, 'baseUrl' | 'credentials'> };

async function handle(req: IncomingMessage, res: ServerResponse, options: Settings): Promise<void> {
  if (new URL(req.url ?? '/', 'http://localhost').pathname !== options.path) return refuse(res, 404, `Not found: the MCP endpoint is ${options.path}.`);
  // A server on loopback answers only to loopback names, so a web page cannot reach it by DNS rebinding.
  if (LOOPBACK.has(options.host) && !LOOPBACK.has(hostName(req))) return refuse(res, 403, 'Forbidden: this server answers only on its loopback address.');
  // Stateless: no session to resume (GET) or end (DELETE).
  if (req.method !== 'POST') return refuse(res, 405, 'Method not allowed: this MCP server is stateless; send each request as a POST.', { allow: 'POST' });
  const { provider } = options;
  const connection = connectionFromRequest(provider, req.headers, options.server);
  if (!connection) return refuse(res, 401, missingCredentialsMessage(provider), { 'www-authenticate': `${httpScheme(provider)} realm="${provider.host.names.displayName}"` });
  const server = createMcpServer(provider, connection);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  // The session ends with its answer; closing is best effort and must never fail the process.
  res.on('close', () => {
    transport.close().catch(() => undefined);
    server.close().catch(() => undefined);
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}

/** Serves `options.provider`'s MCP server over Streamable HTTP at `url` until `close()`. */
export async function startMcpHttpServer(options: McpHttpOptions): Promise<McpHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const path = options.path ?? '/mcp';
  const { provider } = options;
  const server = { baseUrl: checkedProviderBaseUrl(provider, options.baseUrl), credentials: options.credentials };
  const http = createServer((req, res) => {
    handle(req, res, { host, path, server, provider }).catch(() => {
      // Never the error itself: it may hold request details. The client sees a plain 500.
      if (!res.headersSent) refuse(res, 500, `The ${provider.host.names.displayName} MCP server failed to handle the request.`);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? DEFAULT_HTTP_PORT, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
