// An action node's parameters (every provider's), generated from the provider's operation catalog when the
// module loads: a new catalog entry becomes a new operation here without a change in this file.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { OperationInput, RuntimeOperation } from '@distribu/shared/kit';
import { locatorProperty } from './locators';
import { toolDescriptionProperties } from './tool';

export const NODE_VERSION = 1;

/**
 * Shown on every operation that creates (the catalog's `retrySafe: false`): the provider has no
 * idempotency keys, so a second attempt after a lost answer may create a second record.
 */
export function notRetriedNotice(provider: string): string {
	return `This step is never retried automatically: ${provider} has no idempotency keys. Keep n8n's Retry On Fail off here: after a timeout it would send the create again, and if the first one went through you would get a duplicate.`;
}

/** Where an operation's optional inputs live: filters for reads that list, fields for the rest. */
export function optionalCollection(op: RuntimeOperation): { name: string; displayName: string; placeholder: string } {
	return op.kind === 'getMany' || op.kind === 'report'
		? { name: 'filters', displayName: 'Filters', placeholder: 'Add Filter' }
		: { name: 'additionalFields', displayName: 'Additional Fields', placeholder: 'Add Field' };
}

/**
 * Shown on its own (not in the optional collection): required inputs, inputs shown only for a
 * value of another one (tracking when shipping), and "simple" ones that can stand empty.
 */
export function isTopLevel(input: OperationInput): boolean {
	if (input.required || input.showWhen) return true;
	return input.simple && (!input.enum || input.default !== undefined);
}

/** `Order` for `order`: only the first letter changes. */
function title(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function sortedOptions(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return [...options].sort((a, b) => a.name.localeCompare(b.name));
}

function emptyDefault(input: OperationInput): INodeProperties['default'] {
	if (input.default !== undefined) return input.default as INodeProperties['default'];
	switch (input.type) {
		case 'boolean':
			return false;
		case 'number':
		case 'integer':
			// A quantity starts at its least allowed value (1), other numbers at 0.
			return Math.max(0, input.min ?? 0);
		default:
			return '';
	}
}

/** One catalog input as an n8n parameter (without displayOptions). */
export function inputProperty(input: OperationInput, provider: string): INodeProperties {
	if (input.picker) return locatorProperty(input, input.picker, provider);
	const base = {
		displayName: input.label,
		name: input.key,
		description: input.description,
		// Required when shown, if shown exactly when required (the carrier, only when shipping).
		required: input.required || (!!input.requiredWhen && JSON.stringify(input.requiredWhen) === JSON.stringify(input.showWhen)) || undefined,
		default: emptyDefault(input),
	};
	if (input.type === 'array' && input.items) {
		return {
			...base,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: `Add ${input.label.replace(/s$/, '')}`,
			options: [{ name: 'item', displayName: input.label.replace(/s$/, ''), values: input.items.map((item) => inputProperty(item, provider)) }],
		};
	}
	if (input.enum) {
		const labels = input.enumLabels ?? input.enum;
		return {
			...base,
			type: 'options',
			default: (input.default as string | undefined) ?? (input.required ? input.enum[0]! : ''),
			options: sortedOptions(input.enum.map((value, i) => ({ name: labels[i] ?? value, value }))),
		};
	}
	switch (input.type) {
		case 'boolean':
			return { ...base, type: 'boolean' };
		case 'number':
		case 'integer': {
			const typeOptions: INodeProperties['typeOptions'] = {};
			if (input.min !== undefined) typeOptions.minValue = input.min;
			if (input.max !== undefined) typeOptions.maxValue = input.max;
			if (input.type === 'integer') typeOptions.numberPrecision = 0;
			return { ...base, type: 'number', typeOptions };
		}
		case 'datetime':
			return { ...base, type: 'dateTime' };
		default:
			return { ...base, type: 'string' };
	}
}

/** A list of objects (order line items): rows for people, or one JSON list (any length, an expression or `$fromAI`). */
export function isObjectList(input: OperationInput): boolean {
	return input.type === 'array' && !!input.items;
}

/** The names of a list's two ways in: the mode selector and the JSON parameter. */
export function listParameterNames(input: OperationInput): { mode: string; json: string } {
	return { mode: `specify${title(input.key)}`, json: `${input.key}Json` };
}

/** `[{"productId": "", "quantity": 1}]`: one entry with each field's empty value, as a starting point. */
function jsonTemplate(input: OperationInput): string {
	const entry = Object.fromEntries((input.items ?? []).map((field) => [field.key, field.picker ? '' : emptyDefault(field)]));
	return JSON.stringify([entry], null, 2);
}

/**
 * Rows (a fixedCollection: one row per entry) or one JSON list. n8n drops an expression given for a whole
 * fixedCollection and a row count is fixed, so the JSON list is how an expression or an AI agent (`$fromAI(key,
 * description, 'json')`) gives any number of entries.
 */
function listProperties(input: OperationInput, provider: string, display: (extra: Record<string, string[]>) => INodeProperties['displayOptions']): INodeProperties[] {
	const names = listParameterNames(input);
	const singular = input.label.replace(/s$/, '');
	return [
		{
			displayName: `Specify ${input.label}`,
			name: names.mode,
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Using Fields Below', value: 'fields', description: `One row per ${singular.toLowerCase()}` },
				{ name: 'Using JSON', value: 'json', description: 'One JSON list of any length, from an expression or an AI agent' },
			],
			default: 'fields',
			displayOptions: display({}),
		},
		{ ...inputProperty(input, provider), displayOptions: display({ [names.mode]: ['fields'] }) },
		{
			displayName: `${input.label} (JSON)`,
			name: names.json,
			type: 'json',
			required: input.required || undefined,
			default: jsonTemplate(input),
			description: input.description,
			displayOptions: display({ [names.mode]: ['json'] }),
		},
	];
}

function show(op: RuntimeOperation, extra: Record<string, string[]> = {}): INodeProperties['displayOptions'] {
	return { show: { resource: [op.resource], operation: [op.operation], ...extra } };
}

/** Every parameter of one operation, in the order the editor shows them. */
export function operationProperties(op: RuntimeOperation, provider: string): INodeProperties[] {
	const properties: INodeProperties[] = [];
	if (!op.retrySafe) {
		properties.push({ displayName: notRetriedNotice(provider), name: 'notRetriedNotice', type: 'notice', default: '', displayOptions: show(op) });
	}
	for (const input of op.inputs.filter(isTopLevel)) {
		const extra = input.showWhen ? { [input.showWhen.key]: input.showWhen.values } : {};
		if (isObjectList(input)) {
			properties.push(...listProperties(input, provider, (more) => show(op, { ...extra, ...more })));
			continue;
		}
		properties.push({ ...inputProperty(input, provider), displayOptions: show(op, extra) });
	}
	if (op.paginated) {
		properties.push(
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
				displayOptions: show(op),
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				// The shared executor's DEFAULT_LIMIT; n8n's lint wants the literal.
				default: 50,
				description: 'Max number of results to return',
				displayOptions: show(op, { returnAll: [false] } as never),
			},
		);
	}
	const optional = op.inputs.filter((input) => !isTopLevel(input));
	if (optional.length > 0) {
		const collection = optionalCollection(op);
		properties.push({
			...collection,
			type: 'collection',
			default: {},
			displayOptions: show(op),
			options: optional.map((input) => inputProperty(input, provider)).sort((a, b) => a.displayName.localeCompare(b.displayName)),
		});
	}
	if (op.simpleKeys.length > 0) {
		properties.push({
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: `Whether to return a simplified version of the response instead of the raw data (keeps ${op.simpleKeys.join(', ')})`,
			displayOptions: show(op),
		});
	}
	return properties;
}

/**
 * n8n's operation names: Create, Get, Get Many, Update, Create or Update; other operations by their
 * words (Update Status), reports by their label without "Get" (Sales Report).
 */
export function operationName(op: RuntimeOperation): string {
	if (op.kind === 'getMany') return 'Get Many';
	if (op.kind === 'upsert') return 'Create or Update';
	if (op.kind === 'report') return op.label.replace(/^Get /, '');
	return title(op.operation.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

/** The option's description is the catalog's, written for people and for AI agents alike. */
function operationOption(op: RuntimeOperation): INodePropertyOptions {
	return { name: operationName(op), value: op.operation, action: op.action, description: op.description };
}

/** Every parameter of the node: Resource, one Operation per resource, then each operation's own. */
export function nodeProperties(operations: readonly RuntimeOperation[], provider: string): INodeProperties[] {
	const resources = [...new Set(operations.map((op) => op.resource))];
	const firstResource = resources[0] ?? '';
	const resource: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		// `nextMove` → `Next Move`.
		options: sortedOptions(resources.map((r) => ({ name: title(r.replace(/([a-z])([A-Z])/g, '$1 $2')), value: r }))),
		default: firstResource,
	};
	const perResource = resources.map(
		(r): INodeProperties => {
			const ofResource = operations.filter((op) => op.resource === r);
			const firstOperation = ofResource[0]?.operation ?? '';
			return {
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [r] } },
				options: sortedOptions(ofResource.map(operationOption)),
				default: firstOperation,
			};
		},
	);
	return [resource, ...perResource, ...toolDescriptionProperties(operations, provider), ...operations.flatMap((op) => operationProperties(op, provider))];
}
