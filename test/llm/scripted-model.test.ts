// The scripted OpenAI-compatible model over real HTTP: it plays its script by the tool calls already in the
// conversation, answers in OpenAI's JSON and server-sent-event shapes, and records what it was told.
import { findInResult, schemaProperties, type ScriptedModel, startScriptedModel } from '../../scripts/llm/scripted-model';

const tools = [
  {
    type: 'function',
    function: {
      name: 'create_order',
      description: 'Creates an order.',
      parameters: {
        type: 'object',
        properties: {
          customerId: { type: 'string', description: 'The customer.' },
          lineItems: { type: 'array', items: { type: 'object', properties: { productId: { type: 'string' }, quantity: { type: 'integer' } }, required: ['productId'] } },
        },
        required: ['customerId', 'lineItems'],
      },
    },
  },
  { type: 'function', function: { name: 'ship_order', description: 'Ships.', parameters: { type: 'object', properties: { orderId: { type: 'string' } } } } },
];

describe('the scripted model', () => {
  let model: ScriptedModel;

  beforeAll(async () => {
    model = await startScriptedModel({
      script: [
        { label: 'create', tool: (t) => /create/.test(t.name), arguments: () => ({ customerId: 'c1', lineItems: [{ productId: 'p1', quantity: 2 }] }) },
        { label: 'ship', tool: (t) => /ship/.test(t.name), arguments: (c) => ({ orderId: findInResult(c.results[0]!.content, 'id') }) },
        { label: 'missing', tool: (t) => t.name === 'nope', arguments: () => ({}) },
      ],
    });
  });
  afterAll(() => model.close());

  const ask = (body: Record<string, unknown>) =>
    fetch(`${model.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' }, body: JSON.stringify(body) });

  it('answers the first step with a tool call (JSON) and records the tools it was sent', async () => {
    const response = await ask({ model: 'm', messages: [{ role: 'user', content: 'Order' }], tools });
    const body = (await response.json()) as { choices: Array<{ finish_reason: string; message: { tool_calls: Array<{ id: string; function: { name: string; arguments: string } }> } }> };
    expect(body.choices[0]!.finish_reason).toBe('tool_calls');
    const call = body.choices[0]!.message.tool_calls[0]!;
    expect([call.function.name, JSON.parse(call.function.arguments)]).toEqual(['create_order', { customerId: 'c1', lineItems: [{ productId: 'p1', quantity: 2 }] }]);
    const recorded = model.requests.at(-1)!;
    expect(recorded.tools.map((t) => t.name)).toEqual(['create_order', 'ship_order']);
    expect(schemaProperties(recorded.tools[0]!.parameters).map((p) => [p.path, p.required])).toEqual([
      ['customerId', true],
      ['lineItems', true],
      ['lineItems[].productId', true],
      ['lineItems[].quantity', false],
    ]);
    expect(recorded.headers.authorization).toBe('Bearer sk-test');
  });

  it('plays the next step from the earlier results, streamed as OpenAI chunks', async () => {
    const messages = [
      { role: 'user', content: 'Order' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'create_order', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'a', content: '[{"id":"ord_1","status":"SUBMITTED"}]' },
    ];
    const response = await ask({ model: 'm', stream: true, stream_options: { include_usage: true }, messages, tools });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await response.text()).split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''));
    expect(events.at(-1)).toBe('[DONE]');
    const parsed = events.slice(0, -1).map((e) => JSON.parse(e) as { choices: Array<{ delta: { tool_calls?: Array<{ function: { name?: string; arguments?: string } }> }; finish_reason: string | null }>; usage?: unknown });
    const args = parsed.flatMap((c) => c.choices.flatMap((choice) => choice.delta.tool_calls ?? [])).map((t) => t.function.arguments ?? '').join('');
    expect(JSON.parse(args)).toEqual({ orderId: 'ord_1' });
    expect(parsed.flatMap((c) => c.choices.map((choice) => choice.finish_reason)).filter(Boolean)).toEqual(['tool_calls']);
    expect(parsed.at(-1)!.usage).toBeDefined();
  });

  it('a step whose tool is missing answers in words and records the problem', async () => {
    const call = (id: string) => [
      { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name: 'x', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: id, content: '{}' },
    ];
    const response = await ask({ model: 'm', messages: [{ role: 'user', content: 'Order' }, ...call('a'), ...call('b')], tools });
    const body = (await response.json()) as { choices: Array<{ finish_reason: string; message: { content: string } }> };
    expect(body.choices[0]!.finish_reason).toBe('stop');
    expect(body.choices[0]!.message.content).toBe('Scripted model: step 3 (missing): no tool matches among create_order, ship_order.');
    expect(model.problems).toEqual(['step 3 (missing): no tool matches among create_order, ship_order']);
  });

  it('lists its model', async () => {
    const body = (await (await fetch(`${model.url}/models`)).json()) as { data: Array<{ id: string }> };
    expect(body.data.map((m) => m.id)).toEqual([model.model]);
  });
});
