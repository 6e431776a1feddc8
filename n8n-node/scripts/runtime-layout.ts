// Where the package keeps its shared runtime, and what it leaves out of the catalogs beside it
// (build-options.mts builds with these; test/n8n/package.test.ts checks the result against them).

/** The shared runtime's place in the package, relative to dist/. */
export const RUNTIME_FILE = 'shared/runtime.js';

/**
 * Keys of the generated catalogs that no code running in n8n reads: the events' and operations'
 * output fields, samples and notes feed the docs, the nodes' __schema__ files and the Zapier app,
 * which are generated from the full catalogs. Leaving them out keeps the package small;
 * test/n8n/package.test.ts fails if built code ever reads one.
 */
export const CATALOG_KEYS_LEFT_OUT = {
	'catalog.json': { list: 'events', keys: ['fields', 'samples', 'sample', 'notes'] },
	'operations.json': { list: 'operations', keys: ['sample', 'notes'] },
} as const;

/**
 * Lists whose items keep only some keys: the AI tool's description names each operation's top-level output
 * keys (nodes/Distribu/tool.ts reads `outputFields[].key` and skips nested ones), never their labels or types.
 */
export const CATALOG_LISTS_NARROWED: Record<string, Record<string, readonly string[]>> = {
	'operations.json': { outputFields: ['key'] },
};

/** One catalog entry as the package ships it: CATALOG_KEYS_LEFT_OUT dropped, CATALOG_LISTS_NARROWED narrowed. */
export function shippedEntry(file: keyof typeof CATALOG_KEYS_LEFT_OUT, entry: Record<string, unknown>): Record<string, unknown> {
	const left = CATALOG_KEYS_LEFT_OUT[file].keys as readonly string[];
	const narrowed = CATALOG_LISTS_NARROWED[file] ?? {};
	return Object.fromEntries(
		Object.entries(entry)
			.filter(([key]) => !left.includes(key))
			.map(([key, value]) => {
				const keep = narrowed[key];
				if (!keep || !Array.isArray(value)) return [key, value];
				const topLevel = value.filter((item: Record<string, unknown>) => !/[.[]/.test(String(item.key)));
				return [key, topLevel.map((item: Record<string, unknown>) => Object.fromEntries(keep.map((k) => [k, item[k]])))];
			}),
	);
}
