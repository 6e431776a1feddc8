// Reads one item's parameters into the catalog's params (keyed by input key), the shape the shared
// runOperation checks and sends. Nothing is validated or hidden here: the shared executor checks
// the values, in the same plain words for both connectors, and skips inputs whose showWhen fails.
import type { IExecuteFunctions } from 'n8n-workflow';
import { DEFAULT_LIMIT, type OperationInput, type RuntimeOperation } from '@distribu/shared/kit';
import { isObjectList, isTopLevel, listParameterNames, optionalCollection } from './description';
import { locatorValue } from './locators';

export type Params = Record<string, unknown>;

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A dateTime parameter set by an expression may be a Luxon DateTime: send its ISO text. */
function plain(value: unknown): unknown {
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return (value as { toISO: () => string }).toISO();
	}
	return value;
}

/** One input's n8n value as the catalog expects it, or undefined when left empty. */
export function inputValue(input: OperationInput, raw: unknown): unknown {
	if (input.picker) {
		const id = locatorValue(raw, input.picker);
		return id === '' ? undefined : id;
	}
	if (input.type === 'array' && input.items) {
		// A fixedCollection `{item: [{...}]}`; an expression may give the list itself.
		const rows = Array.isArray(raw) ? raw : ((raw as { item?: unknown } | undefined)?.item ?? []);
		if (!Array.isArray(rows) || rows.length === 0) return undefined;
		return rows.map((row) => {
			// Not an object: left as it is, for the executor to name the entry that is wrong.
			if (!row || typeof row !== 'object' || Array.isArray(row)) return row;
			const fields = row as Params;
			const element: Params = {};
			for (const field of input.items!) {
				const value = inputValue(field, fields[field.key]);
				if (value !== undefined) element[field.key] = value;
			}
			return element;
		});
	}
	const value = plain(raw);
	return isEmpty(value) ? undefined : value;
}

/**
 * A list given as JSON (Specify … → Using JSON): the text of the JSON parameter, or the list an expression or
 * `$fromAI(…, 'json')` produced. One object stands for a list of one.
 */
export function jsonListValue(input: OperationInput, raw: unknown): unknown {
	let value = raw;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			value = JSON.parse(value);
		} catch {
			// Left as text: the shared executor answers "Line Items must be a list; got …".
			return value;
		}
	}
	if (value && typeof value === 'object' && !Array.isArray(value)) value = [value];
	return inputValue(input, value);
}

function topLevelValue(ctx: IExecuteFunctions, input: OperationInput, i: number): unknown {
	if (isObjectList(input)) {
		const names = listParameterNames(input);
		if (ctx.getNodeParameter(names.mode, i, 'fields') === 'json') return jsonListValue(input, ctx.getNodeParameter(names.json, i, ''));
	}
	// '' when absent: n8n throws for a parameter it does not hold unless a fallback is given (a
	// hidden one, such as the carrier when not shipping; the executor ignores those anyway).
	return inputValue(input, ctx.getNodeParameter(input.key, i, ''));
}

/** Every input of `op` the user set for item `i`: top-level parameters and the optional collection. */
export function readParams(ctx: IExecuteFunctions, op: RuntimeOperation, i: number): Params {
	const params: Params = {};
	for (const input of op.inputs.filter(isTopLevel)) {
		const value = topLevelValue(ctx, input, i);
		if (value !== undefined) params[input.key] = value;
	}
	const optional = op.inputs.filter((input) => !isTopLevel(input));
	if (optional.length > 0) {
		const set = (ctx.getNodeParameter(optionalCollection(op).name, i, {}) ?? {}) as Params;
		for (const input of optional) {
			const value = inputValue(input, set[input.key]);
			if (value !== undefined) params[input.key] = value;
		}
	}
	return params;
}

/** Return All and Limit of a paginated operation. */
export function readPaging(ctx: IExecuteFunctions, i: number): { returnAll: boolean; limit: number } {
	const returnAll = ctx.getNodeParameter('returnAll', i, false) === true;
	const limit = Number(ctx.getNodeParameter('limit', i, DEFAULT_LIMIT));
	return { returnAll, limit };
}
