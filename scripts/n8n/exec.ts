/** Running npm and node-gyp with the repo's Node 24, with output kept for error messages instead of flooding the console. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { node24Bin, node24Dir } from './paths';

/** Variables npm sets for the script it runs; inherited by a nested npm they would point it at the repo's own package. */
const NPM_SCRIPT_VARIABLES = /^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|npm_config_nodedir$|npm_command$)/i;

/** The environment for tools that must build and run against Node 24. */
export function node24Env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!NPM_SCRIPT_VARIABLES.test(key)) env[key] = value;
  }
  // Node 24 first on PATH, so npm (#!/usr/bin/env node) and anything it starts run on it.
  env.PATH = [path.dirname(node24Bin), env.PATH ?? ''].join(path.delimiter);
  // ~/.npmrc says nodedir=/usr (Node 20's headers); native builds must use Node 24's.
  env.npm_config_nodedir = node24Dir;
  return { ...env, ...extra };
}

export interface RunResult {
  code: number | null;
  /** The tail of stdout and stderr together, for error messages. */
  output: string;
  stdout: string;
}

/** Runs a command to completion; resolves with its exit code and the tail of its combined output. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? node24Env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      keep(chunk);
    });
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, stdout }));
  });
}

/** Like run, but a non-zero exit becomes an Error that says what failed and shows the end of the output. Resolves with stdout. */
export async function runOrThrow(what: string, command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const tail = result.output.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${what} failed (exit code ${result.code}) in ${options.cwd}:\n$ ${command} ${args.join(' ')}\n${tail}`);
  }
  return result.stdout;
}
