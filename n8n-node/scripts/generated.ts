// The n8n package's tracked files that are generated from the shared catalogs: the trigger's typed
// output and the action node's per-operation output (__schema__), and the README's events and
// operations tables, and the AI Agent example workflow. `npm run generate` writes them with the rest (scripts/generate.ts); the build
// only copies them.
import type { RuntimeEvent, RuntimeOperation } from '@distribu/shared/runtime';
import { NODE_VERSION } from '../nodes/DistribuTrigger/description';
import { NODE_VERSION as ACTION_NODE_VERSION } from '../src/action/description';
import { agentExampleWorkflow } from './agent-tools';
import { operationSchemaPath, renderOperationSchema } from './operation-schemas';
import { outputSchemaPath, renderOutputSchema, type JsonSchema } from './output-schema';
import { withEventsTable } from './readme-events';
import { withOperationsTable } from './readme-operations';

const SCHEMAS = 'shared/generated/schemas/';
/** The AI Agent example workflow, every `$fromAI` description from the catalog. */
export const AGENT_EXAMPLE_PATH = 'n8n-node/examples/ai-agent-tools.json';
const OPERATION_SCHEMAS = 'shared/generated/schemas/operations/';

/**
 * By path from the repository root. Built from the shared files of the same run (`shared`, also by
 * path), so one `npm run generate` after a catalog change updates everything at once; `readme` is
 * the README as it is now (its text outside the generated tables is kept).
 */
export function n8nGeneratedFiles(shared: Record<string, string>, readme: string): Record<string, string> {
	const eventSchemas: Record<string, JsonSchema> = {};
	for (const [path, content] of Object.entries(shared)) {
		if (path.startsWith(SCHEMAS) && !path.startsWith(OPERATION_SCHEMAS)) {
			eventSchemas[path.slice(SCHEMAS.length).replace(/\.json$/, '')] = JSON.parse(content);
		}
	}
	const runtime = JSON.parse(shared['shared/generated/catalog.json']!) as { events: RuntimeEvent[] };
	const { operations } = JSON.parse(shared['shared/generated/operations.json']!) as { operations: RuntimeOperation[] };
	const files: Record<string, string> = {
		[`n8n-node/${outputSchemaPath(NODE_VERSION)}`]: renderOutputSchema(eventSchemas),
		'n8n-node/README.md': withOperationsTable(withEventsTable(readme, runtime.events), operations),
		[AGENT_EXAMPLE_PATH]: `${JSON.stringify(agentExampleWorkflow(operations), null, 2)}\n`,
	};
	for (const op of operations) {
		const output = shared[`${OPERATION_SCHEMAS}${op.key}.output.json`];
		if (!output) throw new Error(`The shared catalog generated no output schema for ${op.key}.`);
		files[`n8n-node/${operationSchemaPath(ACTION_NODE_VERSION, op)}`] = renderOperationSchema(JSON.parse(output));
	}
	return files;
}
