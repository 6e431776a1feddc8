// Record pickers (n8n resource locators) generated from the catalog's RecordPicker: a searchable
// list, an ID, and a dashboard URL where Distribu has one; plus the listSearch methods behind the
// lists and the reading of a picked value.
import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';
import type { OperationInput, RecordPicker, RuntimeOperation } from '@distribu/shared/runtime';
import { distribuClient, withNodeErrors } from '../shared/transport';

/** Records per picker page: Distribu's largest page. */
export const PICKER_PAGE_SIZE = 100;

/** `customer` → `searchCustomers`, the listSearch method of that picker. */
export function searchMethodName(picker: RecordPicker): string {
	return `search${picker.resource.charAt(0).toUpperCase()}${picker.resource.slice(1)}s`;
}

/**
 * The regex that takes the id out of a dashboard URL. Any host matches: the credential's base URL
 * may point at another Distribu (a sandbox) than the pattern's.
 */
export function urlRegex(urlPattern: string): string {
	const path = urlPattern.replace(/^https?:\/\/[^/]+/, '');
	const [before, after = ''] = path.split('{id}');
	const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	return `https?://[^/]+${escape(before!)}([^/?#]+)${escape(after)}`;
}

/** A picker input as a resource locator (top level or inside a line item). */
export function locatorProperty(input: OperationInput, picker: RecordPicker): INodeProperties {
	const regex = picker.urlPattern ? urlRegex(picker.urlPattern) : undefined;
	return {
		displayName: input.label,
		name: input.key,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: input.required,
		description: input.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: searchMethodName(picker), searchable: picker.searchParam !== null },
			},
			...(picker.urlPattern && regex
				? [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: picker.urlPattern.replace('{id}', 'clx9k2m4p0001qz8rt6vb3n7d'),
							extractValue: { type: 'regex' as const, regex },
							validation: [
								{
									type: 'regex' as const,
									properties: { regex, errorMessage: `Not a Distribu ${picker.resource} URL` },
								},
							],
						},
					]
				: []),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. clx9jz1aa0000qz8r4h5kd2wm',
			},
		],
	};
}

/**
 * The id in a resource locator's value (`{__rl, mode, value}`), or a plain string mapped from an
 * earlier step; a URL is reduced to its id. Empty when nothing was picked.
 */
export function locatorValue(raw: unknown, picker: RecordPicker): string {
	const locator = raw && typeof raw === 'object' ? (raw as { mode?: unknown; value?: unknown }) : undefined;
	const value = String((locator ? locator.value : raw) ?? '').trim();
	if (picker.urlPattern && (locator?.mode === 'url' || /^https?:\/\//i.test(value))) {
		const match = new RegExp(urlRegex(picker.urlPattern)).exec(value);
		if (match) return decodeURIComponent(match[1]!);
	}
	return value;
}

/** Every distinct picker of the catalog (inputs and line-item fields), by its method name. */
export function pickersOf(operations: readonly RuntimeOperation[]): Map<string, RecordPicker> {
	const pickers = new Map<string, RecordPicker>();
	const visit = (inputs: readonly OperationInput[]) => {
		for (const input of inputs) {
			if (input.picker) pickers.set(searchMethodName(input.picker), input.picker);
			if (input.items) visit(input.items);
		}
	};
	for (const op of operations) visit(op.inputs);
	return pickers;
}

/** "Bluebird Café (orders@bluebirdcafe.com)": the first label key, then the next different one. */
export function recordLabel(record: Record<string, unknown>, picker: RecordPicker): string {
	const labels = picker.labelKeys
		.map((key) => record[key])
		.filter((value): value is string | number => (typeof value === 'string' && value.trim() !== '') || typeof value === 'number')
		.map(String);
	const [first, ...rest] = [...new Set(labels)];
	if (!first) return String(record.id);
	return rest.length > 0 ? `${first} (${rest[0]})` : first;
}

/** One page of a picker's list: Distribu's cursor is n8n's pagination token. */
export async function searchRecords(
	ctx: ILoadOptionsFunctions,
	picker: RecordPicker,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const query: Record<string, string | number> = { limit: PICKER_PAGE_SIZE };
	if (paginationToken) query.cursor = paginationToken;
	if (picker.searchParam && filter?.trim()) query[picker.searchParam] = filter.trim();
	const page = await withNodeErrors(ctx.getNode(), async () => (await distribuClient(ctx)).list(picker.path, query));
	const results: INodeListSearchItems[] = page.data.map((record) => ({
		name: recordLabel(record, picker),
		value: record.id,
		...(picker.urlPattern ? { url: picker.urlPattern.replace('{id}', encodeURIComponent(record.id)) } : {}),
	}));
	return { results, paginationToken: page.pagination.hasMore ? (page.pagination.nextCursor ?? undefined) : undefined };
}

type SearchMethod = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;

/** The `methods.listSearch` object of the node: one method per picker of the catalog. */
export function listSearchMethods(operations: readonly RuntimeOperation[]): Record<string, SearchMethod> {
	const methods: Record<string, SearchMethod> = {};
	for (const [name, picker] of pickersOf(operations)) {
		methods[name] = async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
			return await searchRecords(this, picker, filter, paginationToken);
		};
	}
	return methods;
}
