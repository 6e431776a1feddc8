// Record pickers (n8n resource locators) from a catalog input's RecordPicker: the parameter (a searchable
// list, an ID, and a dashboard URL where the provider has one) and the reading of a picked value. The
// list's search methods call the provider: they live with its node (nodes/Distribu/locators.ts).
import type { INodeProperties } from 'n8n-workflow';
import type { OperationInput, RecordPicker } from '@distribu/shared/kit';

/** `customer` → `searchCustomers`, the listSearch method of that picker. */
export function searchMethodName(picker: RecordPicker): string {
	return `search${picker.resource.charAt(0).toUpperCase()}${picker.resource.slice(1)}s`;
}

/**
 * The regex that takes the id out of a dashboard URL. Any host matches: the credential's base URL
 * may point at another instance of the provider (a sandbox) than the pattern's.
 */
export function urlRegex(urlPattern: string): string {
	const path = urlPattern.replace(/^https?:\/\/[^/]+/, '');
	const [before, after = ''] = path.split('{id}');
	const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	return `https?://[^/]+${escape(before!)}([^/?#]+)${escape(after)}`;
}

/** A picker input as a resource locator (top level or inside a line item). */
export function locatorProperty(input: OperationInput, picker: RecordPicker, provider: string): INodeProperties {
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
									properties: { regex, errorMessage: `Not a ${provider} ${picker.resource} URL` },
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
