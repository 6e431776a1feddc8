// The one bin's words and connection, from each provider's data (mcp/src/connection.ts, bin.ts): Distribu's usage as
// its users have always read it, the variables each provider's bin reads, and what an HTTP request must carry.
import manifest from '../../mcp/package.json';
import { connectionFromEnv, connectionFromRequest, envVars, missingCredentialsMessage } from '../../mcp/src/connection';
import { dist0Mcp, distribuMcp, usage } from '../../mcp/src';
import { orishaMcp } from '../../mcp/src/orisha';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

test("distribu-mcp --help says what it always said", () => {
  expect(usage(distribuMcp)).toBe(`distribu-mcp 0.1.0: the Distribu MCP server.

  distribu-mcp                  stdio (for Claude Desktop and other local agents); needs DISTRIBU_API_KEY
  distribu-mcp --http           Streamable HTTP at http://127.0.0.1:3333/mcp; each client sends
                                its key as "Authorization: Bearer <key>"
    --port N                    the HTTP port (0: any free one)
    --host H                    the address to bind (default 127.0.0.1)

Environment: DISTRIBU_API_KEY (stdio), DISTRIBU_BASE_URL (default https://distribu.app).`);
});

test("@distribu/mcp-server's hand-written manifest agrees with Distribu's MCP data", () => {
  expect([manifest.name, Object.keys(manifest.bin), manifest.description]).toEqual([distribuMcp.host.names.mcp!.packageName, [distribuMcp.host.names.mcp!.bin], distribuMcp.cli.description]);
});

test('each bin reads the variables its auth needs', () => {
  expect(envVars(dist0Mcp).map((v) => [v.name, v.required])).toEqual([['DIST0_API_KEY', true], ['DIST0_BASE_URL', false]]);
  expect(envVars(orishaMcp).map((v) => [v.name, v.required])).toEqual([
    ['ORISHA_CLIENT_ID', true],
    ['ORISHA_CLIENT_SECRET', true],
    ['ORISHA_ADMINISTRATION', true],
    ['ORISHA_BASE_URL', false],
    ['ORISHA_TOKEN_URL', false],
    ['ORISHA_AUDIENCE', false],
  ]);
  expect(connectionFromEnv(orishaMcp, { ORISHA_CLIENT_ID: ' id ', ORISHA_CLIENT_SECRET: 's', ORISHA_ADMINISTRATION: 'ADM01', ORISHA_TOKEN_URL: 'http://127.0.0.1:9/oauth/token' })).toEqual({
    apiKey: '',
    baseUrl: undefined,
    credentials: { clientId: 'id', clientSecret: 's', administrationCode: 'ADM01', tokenUrl: 'http://127.0.0.1:9/oauth/token' },
  });
  expect(() => connectionFromEnv(orishaMcp, { ORISHA_CLIENT_ID: 'id', ORISHA_CLIENT_SECRET: 's', ORISHA_ADMINISTRATION: 'ADM01', ORISHA_TOKEN_URL: 'auth0/token' })).toThrow(
    'The Orisha Commerce token URL (ORISHA_TOKEN_URL) must be an http or https address such as https://orisha-commerce-platform.eu.auth0.com/oauth/token; got "auth0/token".',
  );
});

test('an HTTP request carries a Bearer key, or client credentials in Basic (form-encoded as OAuth2 clients send them) and each field header', () => {
  const settings = { baseUrl: 'http://127.0.0.1:9', credentials: { tokenUrl: 'http://127.0.0.1:9/t' } };
  expect(connectionFromRequest(dist0Mcp, { authorization: 'Bearer d0_key' }, settings)).toEqual({ apiKey: 'd0_key', baseUrl: 'http://127.0.0.1:9' });
  expect(connectionFromRequest(dist0Mcp, { authorization: basic('a', 'b') }, settings)).toBeUndefined();
  expect(connectionFromRequest(orishaMcp, { authorization: basic('client%3A1', 's3cr%2Bt:x'), 'x-orisha-administration': 'ADM01' }, settings)).toEqual({
    apiKey: '',
    baseUrl: 'http://127.0.0.1:9',
    credentials: { tokenUrl: 'http://127.0.0.1:9/t', clientId: 'client:1', clientSecret: 's3cr+t:x', administrationCode: 'ADM01' },
  });
  for (const headers of [{ authorization: basic('id', 'secret') }, { authorization: 'Bearer token', 'x-orisha-administration': 'ADM01' }, { authorization: 'Basic Og==', 'x-orisha-administration': 'ADM01' }]) {
    expect(connectionFromRequest(orishaMcp, headers, settings)).toBeUndefined();
  }
  expect(missingCredentialsMessage(orishaMcp)).toBe(
    'No Orisha Commerce client credentials: send your machine identity\'s client ID and secret in the Authorization header as "Basic <base64 of clientId:clientSecret>", and the administration code in the X-Orisha-Administration header. Create a machine identity in Orisha Commerce with access to its API.',
  );
});
