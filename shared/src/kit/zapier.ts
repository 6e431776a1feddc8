// What a provider's Zapier actions, searches and dropdowns say and how its searches match, as data (types only).
// The Zapier app's glue (zapier/src/provider/) reads it; which operations it offers, and as what, is the operation
// catalog's `zapierKey` (a write is a create, a read a search).

/** An input field a Zapier step adds beside the operation's own (a search's option). */
export interface ZapierField {
  key: string;
  label: string;
  helpText: string;
  type: 'string' | 'boolean';
  required: boolean;
  default?: string;
}

/**
 * How a search finds records, best match first (trimmed, lowercased, inner spaces collapsed on both sides):
 * - `term`: a required search term sent to the list's search (`sendAsCompared`: trimmed and lowercased as it is
 *   compared); a term shaped like an email finds the records whose `emailKey` equals it; with `whole`, only records
 *   whose `whole.key` equals the term unless the user turns on `whole.partial`; otherwise one page, the records
 *   equal to the term on one of `exactKeys` first;
 * - `id`: by the record's id (its picker input `key`, made optional, with `helpText`), or by `alternate`: a field
 *   compared with each record's `matchKey` over the newest pages of the `list` operation; `missing` says neither
 *   was given. In `alternate.field.helpText`, `{newest}` is how many records that reads.
 */
export type ZapierSearchRule =
  | {
      kind: 'term';
      term: { key: string; label: string; helpText: string };
      sendAsCompared: boolean;
      exactKeys: readonly string[];
      emailKey?: string;
      whole?: { key: string; partial: ZapierField };
    }
  | {
      kind: 'id';
      id: { key: string; helpText: string };
      alternate: { field: ZapierField; list: string; matchKey: string; missing: string };
    };

/**
 * What a step adds to a record of one kind: the name of a record it refers to (`related`: read by its id at
 * `path`, the first non-empty of `nameKeys`), its page in the provider's app (`page`: the picker's URL pattern
 * on the connected host), and its dropdown label when it is not the picker's label keys (`choiceLabel`, given
 * the related record's name).
 */
export interface ZapierRecordRules {
  related?: { idKey: string; resource: string; path: string; nameKeys: readonly string[]; key: string; label: string; example: string };
  page?: { key: string; label: string };
  choiceLabel?(record: Record<string, unknown>, relatedName: string | null): string;
}

export interface ZapierActions {
  /** `display.description` of each create and search, by Zapier key. */
  descriptions: Readonly<Record<string, string>>;
  /** How each search (by Zapier key) matches; a search without a rule takes the operation's inputs as they are. */
  searches: Readonly<Record<string, ZapierSearchRule>>;
  /** Find or Create pairings (Zapier requires the pairing's key to be its search's key). */
  searchOrCreates: ReadonlyArray<{ search: string; create: string; label: string; description: string }>;
  /** By record kind (`order`). */
  records: Readonly<Record<string, ZapierRecordRules>>;
  /** Output labels of list fields (`items[]…` reads "Line Item …"), by list key. */
  listLabels: Readonly<Record<string, string>>;
}
