// The node's typed output (`__schema__/v<version>/output.json`, which n8n 2.x hands to its AI
// builder's output lookup), composed from the JSON Schemas the shared catalog generates: nothing
// here is per event, so a new catalog entry shows up without a change.

export type JsonSchema = Record<string, unknown>;

/** n8n's folder for a node version: 2 → `v2.0.0`, 1.1 → `v1.1.0`. */
export function schemaVersionDir(version: number): string {
	const parts = String(version).split('.').concat(['0', '0']).slice(0, 3);
	return `v${parts.join('.')}`;
}

export function outputSchemaPath(version: number): string {
	return `nodes/DistribuTrigger/__schema__/${schemaVersionDir(version)}/output.json`;
}

/** Every event variant as one object schema, titled with its event (nested anyOf flattened). */
function branches(eventSchemas: Record<string, JsonSchema>): JsonSchema[] {
	return Object.keys(eventSchemas)
		.sort()
		.flatMap((name) => {
			// The dialect is declared once, at the top.
			const { title, description, anyOf, ...single } = eventSchemas[name]!;
			delete single.$schema;
			const variants = Array.isArray(anyOf) ? (anyOf as JsonSchema[]) : [single];
			return variants.map((variant) => ({ title, description, ...variant }));
		});
}

type Properties = Record<string, JsonSchema>;

/**
 * The fields every item has (required in every variant), so consumers that read only the top
 * level (`type`/`properties`) still see them; a field pinned per event (`event`) becomes an enum.
 */
function commonProperties(all: JsonSchema[]): { properties: Properties; required: string[] } {
	const requiredSets = all.map((b) => new Set((b.required as string[] | undefined) ?? []));
	const first = (all[0]?.required as string[] | undefined) ?? [];
	const required = first.filter((key) => requiredSets.every((set) => set.has(key)));
	const properties: Properties = {};
	for (const key of required) {
		const schemas = all.map((b) => (b.properties as Properties)[key]!);
		const consts = schemas.map((s) => s.const);
		if (consts.every((c) => typeof c === 'string')) {
			const merged: JsonSchema = { ...schemas[0]!, enum: [...new Set(consts as string[])].sort() };
			delete merged.const;
			properties[key] = merged;
		} else {
			properties[key] = schemas[0]!;
		}
	}
	return { properties, required };
}

/** One item of any selected event: the common fields, then anyOf every event variant. */
export function outputSchema(eventSchemas: Record<string, JsonSchema>): JsonSchema {
	const all = branches(eventSchemas);
	const { properties, required } = commonProperties(all);
	// Added by the node itself, not by Distribu: only with Out-of-Order Deliveries "Emit and Mark".
	properties.outOfOrder = {
		type: 'boolean',
		description:
			'With Out-of-Order Deliveries set to "Emit and Mark": true when this event\'s timestamp is older than one already received for the same resource.',
	};
	return {
		$schema: 'https://json-schema.org/draft/2020-12/schema',
		title: 'Distribu Trigger item',
		description:
			'One Distribu event: id, event and timestamp, the resource id under its own key (orderId, customerId, ...), then the event\'s fields. With "Fetch Full Record" the resource\'s other REST fields are added.',
		type: 'object',
		properties,
		required,
		additionalProperties: {},
		anyOf: all,
	};
}

export function renderOutputSchema(eventSchemas: Record<string, JsonSchema>): string {
	return `${JSON.stringify(outputSchema(eventSchemas), null, '\t')}\n`;
}
