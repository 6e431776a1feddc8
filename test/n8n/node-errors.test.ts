// The error n8n shows for a failed step, for every provider: the provider's words for its API's answers and for
// calls that got none; anything else (n8n itself failing, e.g. reading the credential) said as it is, never taken
// for a network failure ("Could not reach Distribu" for an error no call to Distribu made).
import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';
import { NetworkError, TokenError } from '@distribu/shared/kit';
import { DistribuApiError } from '@distribu/shared/runtime';
import { distribuHost } from '@distribu/shared/providers/distribu';
import { dist0Host } from '@distribu/shared/providers/dist0';
import { nodeErrorFor } from '../../n8n-node/src/errors';

const node = { id: '1', name: 'Distribu', type: 'n8n-nodes-distribu.distribu', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

test("an API answer keeps the provider's message and status", () => {
  const error = nodeErrorFor(distribuHost, node, new DistribuApiError({ status: 404 }));
  expect(error).toBeInstanceOf(NodeApiError);
  expect(error.message).toMatch(/could not find/i);
  expect((error as NodeApiError).httpCode).toBe('404');
});

test("a call without an answer is the provider's network failure", () => {
  const error = nodeErrorFor(dist0Host, node, new NetworkError('network', 'dist0 could not be reached; try again.'));
  expect(error).toBeInstanceOf(NodeApiError);
  expect(error.message).toBe('dist0 could not be reached; try again.');
});

test('a refused token says so', () => {
  const error = nodeErrorFor(distribuHost, node, new TokenError('The token endpoint refused the client ID or secret. Check both and try again.', 401));
  expect(error.message).toBe('The token endpoint refused the client ID or secret. Check both and try again.');
});

test("n8n's own failure is said as it is, secrets redacted, and not taken for a network failure", () => {
  const error = nodeErrorFor(distribuHost, node, new Error('Expression isolate was released while evaluating credentials\n(key dk_live_abcdef0123456789)'));
  expect(error).toBeInstanceOf(NodeOperationError);
  expect(error.message).toBe('Expression isolate was released while evaluating credentials (key dk_…[redacted])');
  expect(error.message).not.toContain('abcdef0123456789');
  expect(error.message).not.toMatch(/reach/i);
});
