// Distribu Tool nodes for n8n's AI Agent, generated from the operation catalog: every input the model fills is a
// `$fromAI(key, description, type, default)` call whose description is the catalog's (with its allowed values and,
// for lists, each entry's fields), because n8n builds a tool's argument schema only from those calls. Optional
// inputs get a default, so n8n does not mark them required. Used by the example workflow
// (examples/ai-agent-tools.json, written by `npm run generate`), the real-n8n agent test and the demo.
import type { OperationInput, RuntimeOperation } from '@distribu/shared/runtime';
import { isObjectList, isTopLevel, listParameterNames, NODE_VERSION, optionalCollection } from '../src/action/description';

export const DISTRIBU_TOOL_NODE_TYPE = 'n8n-nodes-distribu.distribuTool';

/** The operations an ordering agent needs, in the order the example lays them out. */
export const AGENT_EXAMPLE_OPERATIONS = ['customer.getAll', 'product.getAll', 'order.create', 'order.get', 'order.updateStatus'];

export interface ToolNodeJson {
	parameters: Record<string, unknown>;
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	credentials?: Record<string, { id: string; name: string }>;
}

type FromAIType = 'string' | 'number' | 'boolean' | 'json';

/** A JavaScript string literal in single quotes, as n8n's $fromAI parser and its expression engine both read it. */
function quoted(text: string): string {
	return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, ' ')}'`;
}

/** `={{ $fromAI('key', 'description', 'type'[, default]) }}`. */
export function fromAI(key: string, description: string, type: FromAIType, defaultValue?: string | number | boolean): string {
	const args = [quoted(key), quoted(description), quoted(type)];
	if (defaultValue !== undefined) args.push(typeof defaultValue === 'string' ? quoted(defaultValue) : String(defaultValue));
	return `={{ $fromAI(${args.join(', ')}) }}`;
}

function fromAIType(input: OperationInput): FromAIType {
	if (isObjectList(input)) return 'json';
	if (input.type === 'number' || input.type === 'integer') return 'number';
	if (input.type === 'boolean') return 'boolean';
	return 'string';
}

/** The catalog's description, with every allowed value named and, for a list, each entry's fields. */
export function modelDescription(input: OperationInput): string {
	let text = input.description;
	if (input.enum && !input.enum.every((value) => text.includes(value))) text += ` One of: ${input.enum.join(', ')}.`;
	if (input.items) text += ` Each entry has ${input.items.map((field) => `${field.key}: ${field.description}`).join(' ')}`;
	return text;
}

/**
 * The default an optional input takes when the model leaves it out: its catalog default, '' for text (the node
 * sends nothing for an empty field). An optional number or boolean without one is not offered to the model (any
 * default would be sent as a value).
 */
function optionalDefault(input: OperationInput): string | number | boolean | undefined {
	if (input.default !== undefined) return input.default as string | number | boolean;
	return fromAIType(input) === 'string' ? '' : undefined;
}

/** One input as the model fills it, or undefined when it is not offered. */
function modelValue(input: OperationInput): unknown {
	const required = input.required;
	const fallback = required ? undefined : optionalDefault(input);
	if (!required && fallback === undefined) return undefined;
	const expression = fromAI(input.key, modelDescription(input), fromAIType(input), fallback);
	return input.picker ? { __rl: true, mode: 'id', value: expression } : expression;
}

/** The parameters of a Distribu Tool node for `op`, every input filled by the model. */
export function toolParameters(op: RuntimeOperation): Record<string, unknown> {
	const parameters: Record<string, unknown> = { resource: op.resource, operation: op.operation };
	const optional: Record<string, unknown> = {};
	for (const input of op.inputs) {
		const value = modelValue(input);
		if (value === undefined) continue;
		if (!isTopLevel(input)) optional[input.key] = value;
		else if (isObjectList(input)) {
			const names = listParameterNames(input);
			parameters[names.mode] = 'json';
			parameters[names.json] = value;
		} else parameters[input.key] = value;
	}
	if (Object.keys(optional).length > 0) parameters[optionalCollection(op).name] = optional;
	return parameters;
}

/** The name n8n's editor gives a new tool node for `op` ("Create an order in Distribu"); the model sees it as the tool's name. */
export function toolNodeName(op: RuntimeOperation): string {
	return `${op.action} in Distribu`;
}

export function toolNode(op: RuntimeOperation, options: { position: [number, number]; credential: { id: string; name: string }; id?: string }): ToolNodeJson {
	return {
		parameters: toolParameters(op),
		...(options.id ? { id: options.id } : {}),
		name: toolNodeName(op),
		type: DISTRIBU_TOOL_NODE_TYPE,
		typeVersion: NODE_VERSION,
		position: options.position,
		credentials: { distribuApi: options.credential },
	};
}

/** What the example tells the agent: its job, and to report refusals as they are. */
export const AGENT_SYSTEM_MESSAGE =
	'You place and follow up orders in Distribu for the sales team. Look up customers and products by name or email before ordering; use their IDs. When Distribu refuses something, say what it answered and change nothing else.';

/** The example workflow: Chat Trigger → AI Agent with an OpenAI Chat Model and one Distribu Tool per operation. */
export function agentExampleWorkflow(operations: readonly RuntimeOperation[]): Record<string, unknown> {
	const picked = AGENT_EXAMPLE_OPERATIONS.map((key) => {
		const op = operations.find((o) => o.key === key);
		if (!op) throw new Error(`The operation catalog has no ${key}.`);
		return op;
	});
	const credential = { id: '', name: 'Distribu API' };
	const id = (n: number) => `6f1c2a3b-4d5e-4f60-8a7b-${String(n).padStart(12, '0')}`;
	const tools = picked.map((op, i) => toolNode(op, { position: [-160 + 200 * i, 320], credential, id: id(10 + i) }));
	const nodes = [
		{ parameters: { options: {} }, id: id(1), name: 'When chat message received', type: '@n8n/n8n-nodes-langchain.chatTrigger', typeVersion: 1.4, position: [-400, 0], webhookId: id(99) },
		{ parameters: { options: { systemMessage: AGENT_SYSTEM_MESSAGE } }, id: id(2), name: 'AI Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3.1, position: [0, 0] },
		{
			parameters: { model: { __rl: true, mode: 'list', value: 'gpt-4.1-mini' }, responsesApiEnabled: false, options: {} },
			id: id(3),
			name: 'OpenAI Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.3,
			position: [-400, 320],
			credentials: { openAiApi: { id: '', name: 'OpenAI account' } },
		},
		...tools,
	];
	const connections: Record<string, unknown> = {
		'When chat message received': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
	};
	for (const tool of tools) connections[tool.name] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	return { name: 'Distribu ordering agent (AI Agent with Distribu tools)', nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}
