/** The hidden trigger that lists one kind of record for dropdowns: `customer` → `customer_list`. */
export function dropdownKey(resource: string): string {
  return `${resource}_list`;
}
