// Which n8n package a release tag names: `<package name>@<version>`, e.g. n8n-nodes-dist0@0.2.0. Prints `dir=<folder>`
// for $GITHUB_OUTPUT (.github/workflows/publish-n8n-node.yml), or exits 1 saying why: no package of that name here, or
// a version its package.json does not have (bump it there first, so the published version is the committed one).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = resolve(fileURLToPath(import.meta.url), '..', '..');
const repoRoot = resolve(packageDir, '..');
const tag = process.argv[2] ?? '';

const at = tag.lastIndexOf('@');
const [name, version] = at > 0 ? [tag.slice(0, at), tag.slice(at + 1)] : [tag, ''];
const providers = join(packageDir, 'packages');
const dirs = [packageDir, ...(existsSync(providers) ? readdirSync(providers).map((id) => join(providers, id)) : [])];
const packages = dirs
	.filter((dir) => existsSync(join(dir, 'package.json')))
	.map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string } }));
const target = packages.find((p) => p.pkg.name === name);

if (!target || !version) {
	console.error(`"${tag}" names no n8n package of this repository: tag a release <name>@<version>, one of ${packages.map((p) => p.pkg.name).join(', ')}.`);
	process.exit(1);
}
if (target.pkg.version !== version) {
	console.error(`${name}'s package.json has version ${target.pkg.version}, the tag ${version}: bump "version" there, commit, and tag that commit.`);
	process.exit(1);
}
console.log(`dir=${relative(repoRoot, target.dir)}`);
