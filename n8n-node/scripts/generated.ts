// The n8n package's tracked files that are generated from the shared catalog: the node's typed
// output (__schema__) and the README's events table. `npm run generate` writes them with the rest
// (scripts/generate.ts); the build only copies them.
import type { RuntimeEvent } from '@distribu/shared/runtime';
import { NODE_VERSION } from '../nodes/DistribuTrigger/description';
import { outputSchemaPath, renderOutputSchema, type JsonSchema } from './output-schema';
import { withEventsTable } from './readme-events';

const SCHEMAS = 'shared/generated/schemas/';

/**
 * By path from the repository root. Built from the shared files of the same run (`shared`, also by
 * path), so one `npm run generate` after a catalog change updates everything at once; `readme` is
 * the README as it is now (its text outside the events table is kept).
 */
export function n8nGeneratedFiles(shared: Record<string, string>, readme: string): Record<string, string> {
	const eventSchemas: Record<string, JsonSchema> = {};
	for (const [path, content] of Object.entries(shared)) {
		if (path.startsWith(SCHEMAS)) eventSchemas[path.slice(SCHEMAS.length).replace(/\.json$/, '')] = JSON.parse(content);
	}
	const runtime = JSON.parse(shared['shared/generated/catalog.json']!) as { events: RuntimeEvent[] };
	return {
		[`n8n-node/${outputSchemaPath(NODE_VERSION)}`]: renderOutputSchema(eventSchemas),
		'n8n-node/README.md': withEventsTable(readme, runtime.events),
	};
}
