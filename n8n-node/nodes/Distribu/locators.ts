// The listSearch methods behind the Distribu node's record pickers (one per picker of the catalog); the
// picker parameters and the reading of a picked value are every provider's (n8n-node/src/action/locators.ts).
import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import type { OperationInput, RecordPicker, RuntimeOperation } from '@distribu/shared/runtime';
import { searchMethodName } from '../../src/action/locators';
import { distribuClient, withNodeErrors } from '../shared/transport';

export { locatorProperty, locatorValue, searchMethodName, urlRegex } from '../../src/action/locators';

/** Records per picker page: Distribu's largest page. */
export const PICKER_PAGE_SIZE = 100;

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
