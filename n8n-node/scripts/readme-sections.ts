// Replaces a generated section of the README between its two marker comments (the text outside
// them is kept as written).
export interface Markers {
	START: string;
	END: string;
}

export function withSection(readme: string, markers: Markers, body: string): string {
	const start = readme.indexOf(markers.START);
	const end = readme.indexOf(markers.END);
	if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${markers.START} … ${markers.END}`);
	return `${readme.slice(0, start)}${markers.START}\n${body}\n${readme.slice(end)}`;
}
