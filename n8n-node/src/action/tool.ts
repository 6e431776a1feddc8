// What a provider's tool node (the variant n8n derives for AI agents, e.g. the Distribu Tool) tells a model about
// each operation, generated from the operation catalog. n8n sends a tool node's "Description" parameter as the tool's description; when the
// node type defines none, n8n adds its own, which defaults to "<action> in <provider>". The operation's `action`
// stays short because n8n also names new nodes after it, and a tool's name (at most 64 characters) is its node's
// name. So the tool variant gets a Description per operation ('@tool' display option), filled with what the
// operation does, what it needs and what it returns; people can edit it in the node.
import type { INodeProperties } from 'n8n-workflow';
import { wordList, type RuntimeOperation } from '@distribu/shared/kit';


/** The inputs a model must give, may give, and may give only in a case (`carrier` when status is SHIPPED). */
function inputsText(op: RuntimeOperation): string {
	const required = op.inputs.filter((i) => i.required).map((i) => i.key);
	const conditional = new Map<string, string[]>();
	const optional: string[] = [];
	for (const input of op.inputs.filter((i) => !i.required)) {
		if (input.requiredWhen) {
			const when = `${input.requiredWhen.key} is ${input.requiredWhen.values.join(' or ')}`;
			conditional.set(when, [...(conditional.get(when) ?? []), input.key]);
		} else optional.push(input.key);
	}
	const parts: string[] = [];
	if (required.length > 0) parts.push(`${wordList(required)} (required)`);
	for (const [when, keys] of conditional) parts.push(`${wordList(keys)} (required when ${when})`);
	if (optional.length > 0) parts.push(`${wordList(optional)} (optional)`);
	return parts.length > 0 ? `Inputs: ${parts.join('; ')}.` : 'No inputs.';
}

/** The keys of one returned record as the node returns it by default (Simplify on where offered). */
function outputKeys(op: RuntimeOperation): string[] {
	if (op.simpleKeys.length > 0) return op.simpleKeys;
	return op.outputFields.map((f) => f.key).filter((key) => !key.includes('.') && !key.includes('['));
}

function outputText(op: RuntimeOperation): string {
	const keys = wordList(outputKeys(op));
	if (op.kind === 'report') return `Output: one report with ${keys}.`;
	if (op.paginated) return `Output: one item per ${op.resource}${op.listOrder ? `, ${op.listOrder}` : ''}, up to the node's Limit (50 unless set), each with ${keys}.`;
	return `Output: the ${op.resource} with ${keys}.`;
}

/** What a model is told about one operation: what it does (the catalog's description), its inputs, its output. */
export function agentDescription(op: RuntimeOperation, provider: string): string {
	return `${op.action} in ${provider}. ${op.description} ${inputsText(op)} ${outputText(op)}`;
}

/** One "Description" per operation, shown only in the tool variant. */
export function toolDescriptionProperties(operations: readonly RuntimeOperation[], provider: string): INodeProperties[] {
	return operations.map((op) => ({
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: agentDescription(op, provider),
		description: 'What the AI agent is told this tool does. Filled in from the operation; an empty field sends only the operation\'s name.',
		displayOptions: { show: { '@tool': [true], resource: [op.resource], operation: [op.operation] } },
	}));
}

