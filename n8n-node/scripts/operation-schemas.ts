// The action node's typed output: one JSON Schema per operation where n8n looks for it
// (`__schema__/v<version>/<resource>/<operation>.json`, as n8n's own action nodes ship them),
// taken from the schema the shared operation catalog generates for one returned record.
import type { RuntimeOperation } from '@distribu/shared/runtime';
import { schemaVersionDir, type JsonSchema } from './output-schema';

export function operationSchemaPath(version: number, op: Pick<RuntimeOperation, 'resource' | 'operation'>): string {
	return `nodes/Distribu/__schema__/${schemaVersionDir(version)}/${op.resource}/${op.operation}.json`;
}

export function renderOperationSchema(recordSchema: JsonSchema): string {
	return `${JSON.stringify(recordSchema, null, '\t')}\n`;
}
