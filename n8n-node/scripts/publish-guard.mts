// prepublishOnly: refuses a publish by hand. n8n requires community packages to be published from
// GitHub Actions with npm provenance; .github/workflows/publish-n8n-node.yml builds, tests and
// publishes (with --ignore-scripts, so this guard does not run there).
console.error(
	[
		'n8n-nodes-distribu is not published by hand: n8n accepts it only with npm provenance from GitHub Actions.',
		'Bump "version" in n8n-node/package.json, commit, then push a tag: git tag n8n-nodes-distribu@<version> && git push origin n8n-nodes-distribu@<version>',
		'(.github/workflows/publish-n8n-node.yml builds and publishes). To look at the package, `npm pack` here builds dist/ first.',
	].join('\n'),
);
process.exit(1);
