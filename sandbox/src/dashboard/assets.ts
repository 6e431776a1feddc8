import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Asset {
  type: string;
  body: string;
}

const TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
};

/** The page's three static files, read once when the sandbox starts. */
export function loadAssets(dir = join(__dirname, 'public')): Record<string, Asset> {
  return Object.fromEntries(Object.entries(TYPES).map(([name, type]) => [name, { type, body: readFileSync(join(dir, name), 'utf8') }]));
}
