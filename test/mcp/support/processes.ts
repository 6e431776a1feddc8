import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

export const repoRoot = join(__dirname, '..', '..', '..');
/** The bin from source: `distribu-mcp` is this file, built. */
export const binFromSource = { command: join(repoRoot, 'node_modules', '.bin', 'tsx'), args: [join(repoRoot, 'mcp', 'src', 'cli.ts')] };

/** The bin over stdio, as a desktop agent starts it, with its stderr collected into `stderr()`. */
export async function stdioClient(bin: { command: string; args: string[] }, env: Record<string, string>): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: bin.command, args: bin.args, env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'distribu-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

/** The bin (from source unless given) serving Streamable HTTP on a free loopback port; resolves once it printed its URL. */
export async function httpBin(
  env: Record<string, string>,
  bin: { command: string; args: string[] } = binFromSource,
): Promise<{ url: string; child: ChildProcess; stderr: () => string; exited: Promise<number | null> }> {
  const child = spawn(bin.command, [...bin.args, '--http', '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 20 s: ${stderr}${stdout}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return { url, child, stderr: () => stderr + stdout, exited };
}

/** Stops an httpBin with SIGTERM: its exit code and everything it wrote. */
export async function stopHttpBin(server: { child: ChildProcess; stderr: () => string; exited: Promise<number | null> }): Promise<{ code: number | null; stderr: string }> {
  server.child.kill('SIGTERM');
  return { code: await server.exited, stderr: server.stderr() };
}
