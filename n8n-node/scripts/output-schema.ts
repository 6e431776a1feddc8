// The node's typed output (`__schema__/v<version>/output.json`, read by n8n's editor and AI
// builder), composed from the JSON Schemas the shared catalog generates: nothing here is per event.

export type JsonSchema = Record<string, unknown>;

/** n8n's folder for a node version: 2 → `v2.0.0`, 1.1 → `v1.1.0`. */
export function schemaVersionDir(version: number): string {
	const parts = String(version).split('.').concat(['0', '0']).slice(0, 3);
	return `v${parts.join('.')}`;
}

export function outputSchemaPath(version: number): string {
	return `nodes/DistribuTrigger/__schema__/${schemaVersionDir(version)}/output.json`;
}

/** One item of any selected event: the anyOf of every event's item schema, in name order. */
export function outputSchema(eventSchemas: Record<string, JsonSchema>): JsonSchema {
	const names = Object.keys(eventSchemas).sort();
	return {
		$schema: 'https://json-schema.org/draft/2020-12/schema',
		title: 'Distribu Trigger item',
		description:
			'One Distribu event: id, event and timestamp, the resource id under its own key (orderId, customerId, ...), then the event\'s fields. With "Fetch Full Record" the resource\'s other REST fields are added.',
		anyOf: names.map((name) => {
			// The dialect is declared once, at the top.
			const schema = { ...eventSchemas[name] };
			delete schema.$schema;
			return schema;
		}),
	};
}

export function renderOutputSchema(eventSchemas: Record<string, JsonSchema>): string {
	return `${JSON.stringify(outputSchema(eventSchemas), null, '\t')}\n`;
}
