// What one provider's users install holds no other provider: each provider's n8n package and Zapier app, built as
// their builds build them (test/hosts/support/shipped-bundles.mts: esbuild in memory, no n8n, no Zapier), names no
// other provider and carries none of Distribu's texts (its name, its key and secret prefixes, its header names),
// bundles no file of another provider or of Distribu's runtime, and no zod; the n8n packages need nothing at run
// time but n8n-workflow and node:crypto. Distribu's own artifacts are scanned too: they do name Distribu (so the
// scan can fail) and name no other provider.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { hostProviders } from '@distribu/shared/hosts';
import { distribuEventHeader, distribuScheme } from '../../shared/src/providers/distribu/inbound';
import type { Shipped } from './support/shipped-bundles.mts';

const root = join(__dirname, '..', '..');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The repository holds every package's documentation (Orisha's docs URL is a page of it): its address names its publisher, not a provider's code. */
const REPOSITORY_URL = /https:\/\/github\.com\/distribu\/distribu-connectors\/[^\s"'`)]*/g;

/** A provider's names as users read them: its id and its display name. */
function namesOf(id: string): string[] {
  const host = hostProviders.find((h) => h.provider.id === id)!;
  return [id, host.names.displayName];
}

/** What is Distribu's alone: its names, its API key and signing-secret prefixes (`dk_`, `whsec_`), its header names. */
const DISTRIBU_TEXTS = [...namesOf('distribu'), 'dk_', 'whsec_', distribuScheme.header, distribuScheme.previousHeader!, distribuEventHeader];

function hits(texts: Record<string, string>, needles: readonly string[]): string[] {
  const pattern = new RegExp(needles.map(escape).join('|'), 'gi');
  return Object.entries(texts).flatMap(([file, text]) =>
    [...text.replace(REPOSITORY_URL, '').matchAll(pattern)].map((m) => `${file}: …${text.slice(Math.max(0, m.index! - 40), m.index! + 40).replace(/\s+/g, ' ')}…`),
  );
}

let shipped: Shipped[];

beforeAll(() => {
  const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
  const out = execFileSync(process.execPath, [tsx, join(__dirname, 'support/shipped-bundles.mts')], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  shipped = JSON.parse(out) as Shipped[];
}, 60_000);

const providers = hostProviders.map((h) => h.provider.id);
const others = (id: string) => providers.filter((p) => p !== id);

test('every provider ships an n8n package and a Zapier app, and the scan sees their code', () => {
  expect(providers.sort()).toEqual(['dist0', 'distribu', 'orisha']);
  expect(shipped.map((s) => `${s.host}:${s.provider}`).sort()).toEqual(providers.flatMap((p) => [`n8n:${p}`, `zapier:${p}`]).sort());
  for (const artifact of shipped) {
    expect(Object.values(artifact.files).join('').length).toBeGreaterThan(30_000);
    // Each one's own name is found by the same scan (so a miss is not a blind spot).
    expect(hits(artifact.files, [namesOf(artifact.provider)[1]!]).length).toBeGreaterThan(0);
  }
});

describe.each(['dist0', 'orisha'])("%s's artifacts", (id) => {
  test.each(['n8n', 'zapier'])('%s: no Distribu text, no other provider named', (host) => {
    const artifact = shipped.find((s) => s.provider === id && s.host === host)!;
    expect(hits(artifact.files, DISTRIBU_TEXTS)).toEqual([]);
    expect(hits(artifact.files, others(id).filter((p) => p !== 'distribu').flatMap(namesOf))).toEqual([]);
  });
});

test("Distribu's artifacts name Distribu and no other provider", () => {
  for (const artifact of shipped.filter((s) => s.provider === 'distribu')) {
    expect(hits(artifact.files, ['Distribu']).length).toBeGreaterThan(10);
    expect(hits(artifact.files, others('distribu').flatMap(namesOf))).toEqual([]);
  }
});

test("no artifact bundles another provider's folder, Distribu's runtime (unless it is Distribu's) or zod", () => {
  for (const artifact of shipped) {
    const foreign = artifact.inputs.filter(
      (input) =>
        others(artifact.provider).some((other) => input.startsWith(`shared/src/providers/${other}/`)) ||
        (artifact.provider !== 'distribu' && (input.startsWith('shared/src/runtime/') || /^shared\/generated\/(catalog|operations)\.json$/.test(input))) ||
        /node_modules\/zod\//.test(input),
    );
    expect({ artifact: `${artifact.host}:${artifact.provider}`, foreign }).toEqual({ artifact: `${artifact.host}:${artifact.provider}`, foreign: [] });
  }
});

test('the n8n packages have no runtime dependency and require only n8n-workflow and node:crypto from outside', () => {
  for (const artifact of shipped.filter((s) => s.host === 'n8n')) {
    expect(artifact.packageJson?.dependencies ?? {}).toEqual({});
    const required = Object.entries(artifact.files)
      .filter(([file]) => file.endsWith('.js'))
      .flatMap(([, text]) => [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!))
      .filter((name) => !name.startsWith('.'));
    expect(new Set(required)).toEqual(new Set(['n8n-workflow', 'node:crypto']));
  }
});
