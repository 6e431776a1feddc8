// The one bin of every provider's MCP server (Distribu's `distribu-mcp`, dist0's, Orisha Commerce's): stdio by
// default, `--http` for Streamable HTTP. Its name, usage, variables and connection all come from the provider's
// data (McpProvider.cli, the host data's names.mcp and api.auth: connection.ts); a package's bin is one call.
import { parseArgs } from 'node:util';
import { envVars, httpCredentialsWords, serverSettingsFromEnv } from './connection';
import { DEFAULT_HTTP_PORT, startMcpHttpServer } from './http';
import type { McpProvider } from './provider';
import { runMcpStdio } from './stdio';

const COLUMN = 32;
const WIDTH = 80;

/** Words in lines of at most WIDTH characters, the later ones indented to the column. */
function wrap(text: string): string {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= WIDTH) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join(`\n${' '.repeat(COLUMN)}`);
}

/** The bin's name: the host data's `names.mcp.bin`. */
export function binOf(provider: McpProvider): string {
  const names = provider.host.names.mcp;
  if (!names) throw new Error(`${provider.host.names.displayName} has no MCP package name and bin in its host data (names.mcp).`);
  return names.bin;
}

/** `--help`: what the bin does, its flags and its variables. */
export function usage(provider: McpProvider): string {
  const bin = binOf(provider);
  const name = provider.host.names.displayName;
  const vars = envVars(provider);
  const needs = vars.filter((v) => v.required).map((v) => v.name);
  const line = (left: string, right: string) => `  ${left.padEnd(COLUMN - 2)}${wrap(right)}`;
  const environment = [`${needs.join(', ')} (stdio)`, ...vars.filter((v) => !v.required).map((v) => `${v.name} (default ${v.default})`)].join(', ');
  return `${bin} ${provider.version}: the ${name} MCP server.

${line(bin, `stdio (for Claude Desktop and other local agents); needs ${needs.join(', ')}`)}
${line(`${bin} --http`, `Streamable HTTP at http://127.0.0.1:${DEFAULT_HTTP_PORT}/mcp; each client sends`)}
${' '.repeat(COLUMN)}${wrap(httpCredentialsWords(provider))}
${line('  --port N', 'the HTTP port (0: any free one)')}
${line('  --host H', 'the address to bind (default 127.0.0.1)')}

Environment: ${environment}.`;
}

async function serve(provider: McpProvider, argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { http: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } },
  });
  if (values.help) return void process.stdout.write(`${usage(provider)}\n`);
  if (values.version) return void process.stdout.write(`${provider.version}\n`);
  if (!values.http) return runMcpStdio(provider, env);
  const port = values.port === undefined ? DEFAULT_HTTP_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number; got ${values.port}.`);
  const settings = serverSettingsFromEnv(provider, env);
  const server = await startMcpHttpServer({ provider, port, host: values.host, ...settings });
  process.stderr.write(`${provider.host.names.displayName} MCP server (Streamable HTTP) at ${server.url}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Runs the bin for `provider`; a refusal (a missing variable, a bad flag) is one line on stderr and exit code 1. */
export function runMcpBin(provider: McpProvider, argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): void {
  serve(provider, argv, env).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
