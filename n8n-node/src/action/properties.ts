// A provider's action node parameters, generated from its host operations (inputs, one record or a list):
// Resource, Operation per resource, each input as a text field, Return All / Limit for lists, and for the AI
// tool variant a Description per operation (n8n sends it as the tool's description; see agentText).
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { HostOperation, HostProvider } from '@distribu/shared/kit';

/** n8n's operation values: `get` for one record, `getAll` for a list (n8n's own nodes' convention). */
export const operationValue = (op: HostOperation): string => (op.many ? 'getAll' : 'get');
/** n8n parameter names are camelCase: `CustomerCode` → `customerCode`. */
export const parameterName = (key: string): string => key.charAt(0).toLowerCase() + key.slice(1);

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
const list = (words: string[]) => (words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

/** The operations a generated action node offers: those with inputs declared. */
export function actionOperations(host: HostProvider): HostOperation[] {
	return host.operations.filter((op) => Array.isArray(op.inputs));
}

function resourceName(host: HostProvider, resource: string): string {
	const ops = actionOperations(host).filter((op) => op.resource === resource);
	const one = ops.find((op) => !op.many) ?? ops[0]!;
	return one.label.replace(/^Get (Many )?/, '');
}

/** n8n's action text (it also names new nodes): `Get a price list`, `Get an item`, `Get many price lists`. */
function actionOf(op: HostOperation): string {
	const what = op.label.replace(/^Get (Many )?/, '').toLowerCase();
	if (op.many) return `Get many ${what}`;
	return `Get ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}`;
}

/** What a model is told about one operation: what it does, what it needs, what it returns. */
export function agentText(host: HostProvider, op: HostOperation): string {
	const inputs = op.inputs ?? [];
	const needs = inputs.length > 0 ? `Inputs: ${list(inputs.map((i) => `${i.key} (${i.required ? 'required' : 'optional'}): ${i.description}`))}` : 'No inputs.';
	const output = op.many ? 'Output: one item per record, up to the Limit (50 unless set).' : 'Output: the record with all its fields.';
	return `${op.label} in ${host.names.displayName}. ${op.description} ${needs} ${output}`;
}

export function actionProperties(host: HostProvider): INodeProperties[] {
	const ops = actionOperations(host);
	const resources = [...new Set(ops.map((op) => op.resource))];
	const resourceOptions: INodePropertyOptions[] = resources.map((r) => ({ name: resourceName(host, r), value: r })).sort(byName);
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resourceOptions,
			default: resourceOptions[0]!.value as string,
		},
	];
	for (const resource of resources) {
		const mine = ops.filter((op) => op.resource === resource);
		const options: INodePropertyOptions[] = mine
			.map((op) => ({ name: op.many ? 'Get Many' : 'Get', value: operationValue(op), action: actionOf(op), description: op.description }))
			.sort(byName);
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: options[0]!.value as string,
		});
	}
	for (const op of ops) {
		const show = { resource: [op.resource], operation: [operationValue(op)] };
		for (const input of op.inputs ?? []) {
			properties.push({
				displayName: input.label,
				name: parameterName(input.key),
				type: 'string',
				required: input.required,
				default: '',
				description: input.description,
				displayOptions: { show },
			});
		}
		if (op.many) {
			properties.push(
				{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Whether to return all results or only up to a given limit', displayOptions: { show } },
				{
					displayName: 'Limit',
					name: 'limit',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 50,
					description: 'Max number of results to return',
					displayOptions: { show: { ...show, returnAll: [false] } },
				},
			);
		}
		properties.push({
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			typeOptions: { rows: 4 },
			default: agentText(host, op),
			description: "What the AI agent is told this tool does. Filled in from the operation; an empty field sends only the operation's name.",
			displayOptions: { show: { '@tool': [true], ...show } },
		});
	}
	return properties;
}

/** One sentence for the node: what it reads. */
export function actionSummary(host: HostProvider): string {
	const ops = actionOperations(host);
	const plural = [...new Set(ops.filter((op) => op.many).map((op) => op.label.replace(/^Get Many /, '').toLowerCase()))];
	return `Get ${list(plural)} from ${host.names.displayName} by code, or list them`;
}
