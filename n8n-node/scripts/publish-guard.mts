// prepublishOnly of every n8n package here (n8n-node/ and n8n-node/packages/<id>/): refuses a publish by hand. n8n
// requires community packages to be published from GitHub Actions with npm provenance;
// .github/workflows/publish-n8n-node.yml builds, tests and publishes (with --ignore-scripts, so this guard does not run
// there). npm names the package being published in npm_package_name.
const name = process.env.npm_package_name || 'n8n-nodes-distribu';
console.error(
	[
		`${name} is not published by hand: n8n accepts it only with npm provenance from GitHub Actions.`,
		`Bump "version" in its package.json, commit, then push a tag: git tag ${name}@<version> && git push origin ${name}@<version>`,
		'(.github/workflows/publish-n8n-node.yml builds and publishes). To look at the package, `npm pack` here builds dist/ first.',
	].join('\n'),
);
process.exit(1);
