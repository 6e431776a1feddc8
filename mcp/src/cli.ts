// The `distribu-mcp` bin: stdio by default, `--http` for Streamable HTTP. See mcp/README.md.
import { parseArgs } from 'node:util';
// Only from './index': the build keeps it as a require of dist/index.js (one copy of the server).
import { DEFAULT_HTTP_PORT, runDistribuMcpStdio, SERVER_VERSION, startDistribuMcpHttpServer } from './index';

const USAGE = `distribu-mcp ${SERVER_VERSION}: the Distribu MCP server.

  distribu-mcp                  stdio (for Claude Desktop and other local agents); needs DISTRIBU_API_KEY
  distribu-mcp --http           Streamable HTTP at http://127.0.0.1:${DEFAULT_HTTP_PORT}/mcp; each client sends
                                its key as "Authorization: Bearer <key>"
    --port N                    the HTTP port (0: any free one)
    --host H                    the address to bind (default 127.0.0.1)

Environment: DISTRIBU_API_KEY (stdio), DISTRIBU_BASE_URL (default https://distribu.app).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { http: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (values.version) return void process.stdout.write(`${SERVER_VERSION}\n`);
  const baseUrl = process.env.DISTRIBU_BASE_URL;
  if (!values.http) return runDistribuMcpStdio();
  const port = values.port === undefined ? DEFAULT_HTTP_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number; got ${values.port}.`);
  const server = await startDistribuMcpHttpServer({ port, host: values.host, baseUrl });
  process.stderr.write(`Distribu MCP server (Streamable HTTP) at ${server.url}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
