import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkGeminiKey } from '../../src/core/engine.ts';
import { GeminiStandin, STANDIN_API_KEY } from '../support/gemini-standin.ts';

describe('Gemini key check (one models.get through the real SDK)', () => {
  let standin: GeminiStandin;
  before(async () => (standin = await GeminiStandin.start()));
  after(async () => standin.close());

  it('accepts a valid key with one request', async () => {
    const before = standin.modelGets;
    const result = await checkGeminiKey(STANDIN_API_KEY, { baseUrl: standin.baseUrl });
    assert.equal(result.status, 'ok');
    assert.equal(standin.modelGets - before, 1);
    assert.equal(standin.generateRequests().length, 0, 'no image or paid call is sent');
  });

  it('says a refused key is invalid, and never repeats it', async () => {
    const key = 'AIza-not-a-real-key-123456';
    const result = await checkGeminiKey(key, { baseUrl: standin.baseUrl });
    assert.equal(result.status, 'invalid-key');
    assert.match(result.message, /refused the API key/);
    // The stand-in echoes the key back, as a careless proxy might.
    assert.ok(!result.message.includes(key));
  });

  it('tells an unreachable endpoint apart from a bad key', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await checkGeminiKey(STANDIN_API_KEY, { baseUrl: `http://127.0.0.1:${port}` });
    assert.equal(result.status, 'unreachable');
  });

  it('reports an unknown model as an error, not a bad key; an empty key without a call', async () => {
    assert.equal((await checkGeminiKey(STANDIN_API_KEY, { baseUrl: standin.baseUrl, model: 'no-such-model' })).status, 'error');
    const before = standin.modelGets;
    assert.equal((await checkGeminiKey('  ', { baseUrl: standin.baseUrl })).status, 'invalid-key');
    assert.equal(standin.modelGets, before);
  });
});
