// One n8n community package per provider, written by `npm run generate` from the provider's host data
// (shared/src/providers/<id>/host.ts, registered in shared/src/providers/hosts.ts). Distribu's package is
// n8n-node/ itself, whose nodes were written by hand before the kit (their names and files are what users
// have): the generator writes its package.json and codex files only. Every other provider's goes to
// n8n-node/packages/<id>/: package.json, README, codex files, icons, the credential and thin node files
// whose literal description heads n8n's linter reads and whose bodies are n8n-node/src's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostProvider } from '@distribu/shared/kit';
import { SECRET_MAX_AGE_MS } from '../n8n-node/src/trigger/credential-secret';
import { keepsMemory } from '../n8n-node/src/trigger/memory';

/** The provider whose package is n8n-node/ itself. */
export const HOME_PROVIDER = 'distribu';

/** Where a provider's package lives, from the repository root. */
export function packageDirOf(id: string): string {
	return id === HOME_PROVIDER ? 'n8n-node' : `n8n-node/packages/${id}`;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Tab-indented JSON with each list of strings on one line (n8n's own codex files' layout). */
const codexJson = (value: unknown) =>
	`${JSON.stringify(value, null, '\t').replace(/\[\n((?:\t+"(?:[^"\\\n]|\\.)*",?\n)+)\t*\]/g, (_, items: string) => `[${items.trim().split(/,\n\t*/).join(', ')}]`)}\n`;

/** Who publishes every package (n8n's linter requires a named author with an email). */
const PUBLISHER = { name: 'Distribu', email: 'support@distribu.app' };

type NodeKind = keyof HostProvider['names']['n8n']['nodes'];

/** The file that provides the provider's icons: shared/src/providers/<id>/icons/. */
function icon(iconsDir: string, id: string, file: string): string {
	const path = join(iconsDir, file);
	try {
		return readFileSync(path, 'utf8');
	} catch {
		throw new Error(`${id}: the n8n package needs shared/src/providers/${id}/icons/${file} (the host data names it).`);
	}
}

function codex(host: HostProvider, kind: NodeKind): string {
	const { listing, packageName, nodes } = host.names.n8n;
	const own = listing.nodes?.[kind];
	return codexJson({
		node: `${packageName}.${nodes[kind]!.name}`,
		nodeVersion: '1.0',
		codexVersion: '1.0',
		categories: listing.categories,
		alias: own?.alias ?? listing.alias,
		resources: {
			credentialDocumentation: [{ url: own?.credentialDocsUrl ?? `${listing.docsUrl}#credentials` }],
			primaryDocumentation: [{ url: listing.docsUrl }],
		},
	});
}

/** What the generator keeps of a package.json already in the repository. */
interface PackageJsonOnDisk {
	version?: string;
	repository?: { type: string; url: string; directory?: string };
	scripts?: Record<string, string>;
	devDependencies?: Record<string, string>;
}

/** A package.json as it is in the repository, if it is there yet. */
function existingPackageJson(repoRoot: string, id: string): PackageJsonOnDisk | undefined {
	try {
		return JSON.parse(readFileSync(join(repoRoot, packageDirOf(id), 'package.json'), 'utf8')) as PackageJsonOnDisk;
	} catch {
		return undefined;
	}
}

/**
 * A provider package's scripts: build, build before any pack (as the home package's `prepack`), and refuse a publish
 * by hand, since n8n takes a community package only with npm provenance from the release workflow.
 */
function providerScripts(id: string): Record<string, string> {
	const build = `tsx ../../scripts/build.mts --package ${id}`;
	return { build, prepack: build, prepublishOnly: 'tsx ../../scripts/publish-guard.mts' };
}

/**
 * package.json: the listing and n8n's entry from the host data. The home package (n8n-node/) is also the workspace
 * that builds and publishes, so its own `repository`, `scripts` and `devDependencies` (npm manages them) are kept.
 * Every package keeps the version its package.json has (a release bumps it there); every package names this
 * repository and its own folder in it (n8n's verification and npm's provenance check both compare it with the
 * repository the package was published from).
 */
function packageJson(repoRoot: string, host: HostProvider, nodeFiles: string[]): string {
	const id = host.provider.id;
	const { credential, listing, packageName } = host.names.n8n;
	const own = existingPackageJson(repoRoot, id);
	const home = id === HOME_PROVIDER ? own : undefined;
	const repository = (home ?? existingPackageJson(repoRoot, HOME_PROVIDER))?.repository;
	if (!repository?.url) throw new Error(`${packageDirOf(HOME_PROVIDER)}/package.json names no repository: every n8n package's repository is taken from it.`);
	return json({
		name: packageName,
		version: own?.version ?? '0.1.0',
		description: listing.description,
		license: 'MIT',
		keywords: ['n8n-community-node-package', 'n8n', ...listing.keywords],
		homepage: listing.homepage ?? listing.docsUrl,
		author: PUBLISHER,
		repository: home ? repository : { type: repository.type, url: repository.url, directory: packageDirOf(id) },
		scripts: home?.scripts ?? providerScripts(id),
		files: ['dist'],
		n8n: {
			n8nNodesApiVersion: 1,
			strict: true,
			credentials: [`dist/credentials/${credential.className}.credentials.js`],
			nodes: [...nodeFiles].sort(),
		},
		peerDependencies: { 'n8n-workflow': '*' },
		// Bundled into dist/ at build time: nothing is installed with the package.
		devDependencies: home?.devDependencies ?? { '@distribu/shared': '*' },
	});
}

/** The home package's generated files: its package.json and a codex file per node (its nodes are its own). */
function homePackageFiles(repoRoot: string, host: HostProvider): Record<string, string> {
	const dir = packageDirOf(host.provider.id);
	const files: Record<string, string> = {};
	const nodeFiles: string[] = [];
	for (const kind of ['trigger', 'pollTrigger', 'action'] as const) {
		const node = host.names.n8n.nodes[kind];
		if (!node) continue;
		files[`${dir}/nodes/${node.className}/${node.className}.node.json`] = codex(host, kind);
		nodeFiles.push(`dist/nodes/${node.className}/${node.className}.node.js`);
	}
	files[`${dir}/package.json`] = packageJson(repoRoot, host, nodeFiles);
	return files;
}

function triggerFile(host: HostProvider): string {
	const { displayName } = host.names;
	const { credential, icons } = host.names.n8n;
	const { trigger } = host.names.n8n.nodes;
	const manual = host.subscription.mode === 'manual';
	const memory = keepsMemory(host);
	return `// Generated by \`npm run generate\` from shared/src/providers/${host.provider.id}/host.ts: do not edit.
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { ${host.provider.id}Host as host } from '@distribu/shared/providers/${host.provider.id}';
import { eventsSubtitle, triggerProperties, webhookEntry, webhookTrigger } from '../../../../src/trigger/webhook-trigger';
${memory ? "import { triggerMemory } from '../../../../src/trigger/memory';\n\n// What the trigger remembers across restarts: the deliveries decide with it, the runs save it.\nconst memory = triggerMemory(host);\nconst trigger = webhookTrigger(host, { memory });" : '\nconst trigger = webhookTrigger(host);'}

export class ${trigger!.className} implements INodeType {
	description: INodeTypeDescription = {
		displayName: '${displayName} Trigger',
		name: '${trigger!.name}',
		icon: { light: 'file:../../icons/${icons.light}', dark: 'file:../../icons/${icons.dark}' },
		group: ['trigger'],
		version: 2,
		subtitle: eventsSubtitle(host),
		description: 'Starts the workflow when ${displayName} sends one of the selected events (verified)',
		defaults: {
			name: '${displayName} Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: '${credential.name}',
				required: true,
			},
		],
		webhooks: webhookEntry(host),
		eventTriggerDescription: 'Waiting for you to cause one of the selected events in ${displayName}',
		properties: triggerProperties(host),
	};
${manual ? '' : '\n\twebhookMethods = trigger.webhookMethods;\n'}
	webhook = trigger.webhook;
${memory ? '\n\texecute = memory.execute;\n' : ''}}
`;
}

function pollTriggerFile(host: HostProvider): string {
	const { displayName } = host.names;
	const { pollTrigger } = host.names.n8n.nodes;
	const { credential, icons } = host.names.n8n;
	// A provider that polls its own way (host.poller) bundles none of the default (cursor-page) polling.
	const own = !!host.poller;
	const imports = own
		? `import { pollOwn } from '../../../../src/poll-own';\n`
		: `import { DEFAULT_MAX_PAGES } from '@distribu/shared/kit';\nimport { pollProvider } from '../../../../src/poll';\n`;
	return `// Generated by \`npm run generate\` from shared/src/providers/${host.provider.id}/host.ts: do not edit.
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { ${host.provider.id}Host as host } from '@distribu/shared/providers/${host.provider.id}';
import { pollProperties, POLL_SUBTITLE } from '../../../../src/poll-properties';
${imports}
export class ${pollTrigger!.className} implements INodeType {
	description: INodeTypeDescription = {
		displayName: '${displayName} Polling Trigger',
		name: '${pollTrigger!.name}',
		icon: { light: 'file:../../icons/${icons.light}', dark: 'file:../../icons/${icons.dark}' },
		group: ['trigger'],
		version: 1,
		subtitle: POLL_SUBTITLE,
		description: 'Starts the workflow for each change found in ${displayName} at each poll',
		defaults: {
			name: '${displayName} Polling Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: '${credential.name}',
				required: true,
			},
		],
		polling: true,
		properties: pollProperties(host, ${own ? 'host.poller!.maxPages' : 'DEFAULT_MAX_PAGES'}),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const items: IDataObject[] | null = await ${own ? 'pollOwn' : 'pollProvider'}(this, host, '${host.provider.id}Poll');
		return items && items.length > 0 ? [this.helpers.returnJsonArray(items)] : null;
	}
}
`;
}

/** `item` → `items`, `address` → `addresses`, `memory` → `memories`: a resource's plural in the node's description. */
const plural = (noun: string) => (/(s|x|ch|sh)$/.test(noun) ? `${noun}es` : /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`);

function actionFile(host: HostProvider): string {
	const { displayName } = host.names;
	const { action } = host.names.n8n.nodes;
	const { credential, icons } = host.names.n8n;
	return `// Generated by \`npm run generate\` from shared/src/providers/${host.provider.id}/host.ts: do not edit.
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { ${host.provider.id}Host as host } from '@distribu/shared/providers/${host.provider.id}';
import { actionNode } from '../../../../src/action/node';

const action = actionNode(host);

export class ${action!.className} implements INodeType {
	description: INodeTypeDescription = {
		displayName: '${displayName}',
		name: '${action!.name}',
		icon: { light: 'file:../../icons/${icons.light}', dark: 'file:../../icons/${icons.dark}' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read ${displayName} (${[...new Set(host.operations.map((op) => plural(op.resource.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())))].join(', ')}), also as an AI agent tool',
		defaults: {
			name: '${displayName}',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: '${credential.name}',
				required: true,
			},
		],
		properties: action.properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return action.execute.call(this);
	}
}
`;
}

function credentialFile(host: HostProvider): string {
	const { credential, icons, listing } = host.names.n8n;
	return `// Generated by \`npm run generate\` from shared/src/providers/${host.provider.id}/host.ts: do not edit.
import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';
import { ${host.provider.id}Host as host } from '@distribu/shared/providers/${host.provider.id}';
import { credentialParts } from '../../../src/credential';

const parts = credentialParts(host);

export class ${credential.className} implements ICredentialType {
	name = '${credential.name}';

	displayName = '${credential.displayName}';

	icon: Icon = { light: 'file:../icons/${icons.light}', dark: 'file:../icons/${icons.dark}' };

	documentationUrl = '${listing.docsUrl}#credentials';

	properties: INodeProperties[] = parts.properties;

	authenticate: IAuthenticateGeneric = parts.authenticate;
${parts(host)}}
`;
}

const parts = (host: HostProvider) =>
	(host.api ? '\n\ttest = parts.test!;\n' : '') +
	(host.api?.auth.kind === 'oauth2-client-credentials' ? '\n\tpreAuthentication = parts.preAuthentication!;\n' : '');

/** The action node's operations, one row each (when the package has an action node). */
function operationsSection(host: HostProvider): string {
	if (!hasActionNode(host)) return '';
	const ops = host.operations as unknown as Array<{ key: string; resource: string; label: string; description: string; paginated?: boolean; inputs?: Array<{ key: string; required: boolean }> }>;
	const rows = ops.map((op) => {
		const inputs = (op.inputs ?? []).map((i) => (i.required ? `**\`${i.key}\`**` : `\`${i.key}\``));
		if (op.paginated) inputs.push('Return All / Limit');
		return `| ${op.label} | \`${op.key}\` | ${op.description.replace(/\|/g, '\\|')} | ${inputs.join(', ') || 'none'} |`;
	});
	return `## ${host.names.displayName} node

The ${host.names.displayName} node (also offered to n8n's AI Agent as the ${host.names.displayName} Tool) runs one operation per item; errors reach the workflow in plain words.

| Operation | Calls | What it does | Inputs (**required**) |
|---|---|---|---|
${rows.join('\n')}

`;
}

/** The polling trigger's events (when the package has one). */
function pollingSection(host: HostProvider): string {
	if (!host.names.n8n.nodes.pollTrigger || host.pollable.length === 0) return '';
	const rows = host.pollable.map((event) => `| ${event.label} | ${event.description.replace(/\|/g, '\\|')} |`);
	return `## ${host.names.displayName} Polling Trigger

Needs no public URL: checks ${host.names.displayName} at each Poll Time and starts one execution per new record, also for those found while n8n was stopped. The first check after publishing only remembers what exists.

| Event | Description |
|---|---|
${rows.join('\n')}

Give each Polling Trigger its own workflow. In n8n 2.40.7 the polling triggers of one workflow share one expression isolate, which the first check to finish releases while the others still run, so their checks fail now and then. Nothing is lost: a failed check keeps its memory and the next one repeats it.

`;
}

/** The trigger's Late Deliveries option (when the provider judges late deliveries). */
function lateSection(host: HostProvider): string {
	if (!host.lateDeliveries) return '';
	return `## Late deliveries

The trigger's Late Deliveries option: **Run and Mark** (the default: each item gets \`late\`, true or false, and a late one \`lateReason\`) or **Drop** (a late delivery starts no execution). ${host.lateDeliveries.description}

`;
}

const hasActionNode = (host: HostProvider) => !!host.names.n8n.nodes.action && !!host.perform && !!host.api && host.operations.length > 0;

function readme(host: HostProvider): string {
	const { displayName } = host.names;
	const { packageName } = host.names.n8n;
	const rows = host.events.map((event) => `| \`${event.name}\` | ${event.label} | ${event.description.replace(/\|/g, '\\|')} |`);
	const subscription =
		host.subscription.mode === 'manual'
			? `The trigger shows its Production URL: paste it into ${displayName} under ${host.subscription.where}, and the signing secret into the credential. The Test URL works only while n8n listens for a test event. A new signing secret saved in the credential verifies deliveries at once; the old one is refused at the latest ${SECRET_MAX_AGE_MS / 1000} s after the save (the trigger reuses a read of the credential that long, as reading it costs n8n an expression isolate).`
			: `The trigger registers its webhook in ${displayName} itself when the workflow is published and removes it when it is unpublished (${displayName} allows ${host.subscription.cap} webhooks).`;
	return `# ${packageName}

<!-- Generated by \`npm run generate\` from shared/src/providers/${host.provider.id}/host.ts: do not edit. -->

n8n community nodes for ${displayName}. ${subscription} Every delivery is verified before a run starts, and a
delivery seen before starts no second run${keepsMemory(host) ? ', also after n8n restarts (each run saves the event ids in the workflow\'s static data, the 1,000 most recent)' : ''}. n8n answers a delivery once it has started its run, so a delivery it could not run is answered with an error and ${displayName} sends it again.

## Events

| Event | Label | Description |
|---|---|---|
${rows.join('\n')}

${lateSection(host)}${operationsSection(host)}${pollingSection(host)}## Credentials

${host.names.n8n.credential.displayName}: ${!host.api ? 'no API' : host.api.auth.kind === 'oauth2-client-credentials' ? 'a client ID and client secret (OAuth2 client credentials: n8n gets a token and a fresh one after a 401), the administration code, the base URL, the token URL and the audience' : 'an API key and the base URL'}${host.subscription.mode === 'manual' ? ', and the signing secret' : ''}.
`;
}

/** Every file of one provider's package, by path from the repository root (the home provider's: package.json and codex). */
export function providerPackageFiles(
	repoRoot: string,
	host: HostProvider,
	iconsDir: string = join(repoRoot, 'shared/src/providers', host.provider.id, 'icons'),
): Record<string, string> {
	const id = host.provider.id;
	if (id === HOME_PROVIDER) return homePackageFiles(repoRoot, host);
	const dir = packageDirOf(id);
	const { nodes, credential, icons } = host.names.n8n;
	if (!nodes.trigger) throw new Error(`${id}: the n8n package needs a trigger node name.`);
	const files: Record<string, string> = {};
	const nodeFiles: string[] = [];
	files[`${dir}/nodes/${nodes.trigger.className}/${nodes.trigger.className}.node.ts`] = triggerFile(host);
	files[`${dir}/nodes/${nodes.trigger.className}/${nodes.trigger.className}.node.json`] = codex(host, 'trigger');
	nodeFiles.push(`dist/nodes/${nodes.trigger.className}/${nodes.trigger.className}.node.js`);
	// A polling trigger when the provider's API lists some events (needs no public URL).
	if (nodes.pollTrigger && host.pollable.length > 0 && host.api) {
		const { className } = nodes.pollTrigger;
		files[`${dir}/nodes/${className}/${className}.node.ts`] = pollTriggerFile(host);
		files[`${dir}/nodes/${className}/${className}.node.json`] = codex(host, 'pollTrigger');
		nodeFiles.push(`dist/nodes/${className}/${className}.node.js`);
	}
	// An action node when the provider runs its operations itself (`perform`).
	if (hasActionNode(host)) {
		const { className } = nodes.action!;
		files[`${dir}/nodes/${className}/${className}.node.ts`] = actionFile(host);
		files[`${dir}/nodes/${className}/${className}.node.json`] = codex(host, 'action');
		nodeFiles.push(`dist/nodes/${className}/${className}.node.js`);
	}
	files[`${dir}/credentials/${credential.className}.credentials.ts`] = credentialFile(host);
	files[`${dir}/icons/${icons.light}`] = icon(iconsDir, id, icons.light);
	files[`${dir}/icons/${icons.dark}`] = icon(iconsDir, id, icons.dark);
	files[`${dir}/README.md`] = readme(host);
	// n8n's strict linter (`n8n-node lint`) wants its default configuration in the package.
	files[`${dir}/eslint.config.mjs`] = "import { config } from '@n8n/node-cli/eslint';\n\nexport default config;\n";
	files[`${dir}/package.json`] = packageJson(repoRoot, host, nodeFiles);
	return files;
}

/** Every provider's package but the home one. */
export function providerPackagesFiles(repoRoot: string, hosts: readonly HostProvider[]): Record<string, string> {
	return Object.assign({}, ...hosts.map((host) => providerPackageFiles(repoRoot, host)));
}
