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
	'operations.json': { list: 'operations', keys: ['outputFields', 'sample', 'notes'] },
} as const;
