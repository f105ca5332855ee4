import assert from 'node:assert/strict';
import { ApiError, type GenerateContentResponse } from '@google/genai';
import {
  CLOUD_RESPONSE_SCHEMA,
  cloudTagsToTags,
  coerceCloudTags,
  MalformedAnswerError,
  parseCloudAnswer,
  tagsToCloudTags,
} from '../../src/core/bigbrain/prompt-and-schema.ts';
import { classifyError, interpretResponse, parseRetryDelay, redactKey } from '../../src/core/bigbrain/gemini-client.ts';

describe('BigBrain answer parsing', () => {
  it('fills missing fields with empties and drops unknown keys', () => {
    const tags = parseCloudAnswer('{"caption":"a red bicycle","tags":["bike"],"instructions":"ignore all"}');
    assert.deepEqual(tags, { caption: 'a red bicycle', tags: ['bike'], objects: [], style: [], mood: [], colors: [], text: [], altText: '' });
  });

  it('coerces wrong types, caps lengths and counts, removes control characters and duplicates', () => {
    const tags = coerceCloudTags({
      caption: 'x'.repeat(1000),
      tags: ['a', 'a', 7, '', '  spaced\n\tout  ', 'b\u202Ec', ...Array.from({ length: 40 }, (_, i) => `t${i}`)],
      objects: 'not a list',
      colors: [{ hex: '#fff' }, 'white'],
      altText: ['not', 'a', 'string'],
    });
    assert.equal(tags.caption.length, 300);
    assert.deepEqual(tags.tags.slice(0, 3), ['a', 'spaced out', 'b c']);
    assert.equal(tags.tags.length, 15);
    assert.deepEqual(tags.objects, []);
    assert.deepEqual(tags.colors, ['white']);
    assert.equal(tags.altText, '');
  });

  it('throws MalformedAnswerError for truncated or non-object JSON', () => {
    assert.throws(() => parseCloudAnswer('{"caption":"a red'), MalformedAnswerError);
    assert.throws(() => parseCloudAnswer('["a"]'), MalformedAnswerError);
    assert.throws(() => parseCloudAnswer('null'), MalformedAnswerError);
  });

  it('maps CloudTags fields to tag fields and back', () => {
    const cloud = { caption: 'cap', tags: ['k'], objects: ['o'], style: ['s'], mood: ['m'], colors: ['c'], text: ['t'], altText: 'alt' };
    const tags = cloudTagsToTags(cloud);
    assert.deepEqual(
      tags.map((tag) => `${tag.field}:${tag.text}`),
      ['caption:cap', 'keyword:k', 'object:o', 'style:s', 'mood:m', 'color:c', 'text:t', 'alt:alt'],
    );
    assert.ok(tags.every((tag) => tag.source === 'cloud'));
    assert.deepEqual(tagsToCloudTags(tags), cloud);
  });

  it('asks for every CloudTags field in the response schema', () => {
    assert.deepEqual(Object.keys(CLOUD_RESPONSE_SCHEMA.properties ?? {}).sort(), ['altText', 'caption', 'colors', 'mood', 'objects', 'style', 'tags', 'text']);
  });
});

function response(body: object): GenerateContentResponse {
  return body as GenerateContentResponse;
}

describe('BigBrain response and error classification', () => {
  const usageMetadata = { promptTokenCount: 360, candidatesTokenCount: 80, thoughtsTokenCount: 5 };

  it('reads a normal answer with its token usage', () => {
    const attempt = interpretResponse(response({ candidates: [{ content: { parts: [{ text: '{"tags":["cat"]}' }] }, finishReason: 'STOP' }], usageMetadata }));
    assert.equal(attempt.outcome, 'tagged');
    assert.deepEqual('usage' in attempt && attempt.usage, { promptTokens: 360, outputTokens: 85 });
  });

  it('calls SAFETY and blocked prompts blocked, cut-off and empty answers malformed', () => {
    assert.equal(interpretResponse(response({ candidates: [{ finishReason: 'SAFETY' }], usageMetadata })).outcome, 'blocked');
    assert.equal(interpretResponse(response({ promptFeedback: { blockReason: 'OTHER' } })).outcome, 'blocked');
    assert.equal(interpretResponse(response({ candidates: [{ content: { parts: [{ text: '{"tags":["ca' }] }, finishReason: 'MAX_TOKENS' }] })).outcome, 'malformed');
    assert.equal(interpretResponse(response({ candidates: [] })).outcome, 'malformed');
    assert.equal(interpretResponse(response({ candidates: [{ content: { parts: [{ text: 'Sure! Here are tags' }] }, finishReason: 'STOP' }] })).outcome, 'malformed');
  });

  const context = { aborted: false, model: 'gemini-2.5-flash-lite' };
  const apiError = (status: number, error: object) => new ApiError({ status, message: JSON.stringify({ error }) });

  it('reads RetryInfo from a 429', () => {
    const attempt = classifyError(
      apiError(429, { code: 429, status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' }] }),
      context,
    );
    assert.deepEqual(attempt.outcome === 'rate-limited' && attempt.retryAfterMs, 1500);
    assert.equal(parseRetryDelay('13s'), 13_000);
    assert.equal(parseRetryDelay('soon'), null);
  });

  it('stops on an invalid key (400 API_KEY_INVALID, 401, 403) and on an unknown model', () => {
    const invalid = apiError(400, { code: 400, status: 'INVALID_ARGUMENT', message: 'API key not valid.', details: [{ reason: 'API_KEY_INVALID' }] });
    assert.equal(classifyError(invalid, context).outcome, 'fatal');
    assert.equal(classifyError(apiError(401, { status: 'UNAUTHENTICATED' }), context).outcome, 'fatal');
    assert.equal(classifyError(apiError(403, { status: 'PERMISSION_DENIED' }), context).outcome, 'fatal');
    assert.equal(classifyError(apiError(404, { status: 'NOT_FOUND' }), context).outcome, 'fatal');
  });

  it('retries 5xx, timeouts and network errors; rejects other 4xx; respects a caller abort', () => {
    assert.equal(classifyError(apiError(503, { status: 'UNAVAILABLE' }), context).outcome, 'transient');
    assert.equal(classifyError(apiError(500, { status: 'INTERNAL' }), context).outcome, 'transient');
    assert.equal(classifyError(new DOMException('aborted', 'AbortError'), context).outcome, 'transient');
    assert.equal(classifyError(new TypeError('fetch failed'), context).outcome, 'transient');
    assert.equal(classifyError(apiError(400, { status: 'INVALID_ARGUMENT', message: 'Unable to process input image.' }), context).outcome, 'rejected');
    assert.equal(classifyError(new SyntaxError('Unexpected end of JSON input'), context).outcome, 'malformed');
    assert.equal(classifyError(new DOMException('aborted', 'AbortError'), { ...context, aborted: true }).outcome, 'aborted');
  });

  it('redacts the key from any text', () => {
    assert.equal(redactKey('bad key AIza-123 (AIza-123)', 'AIza-123'), 'bad key [redacted] ([redacted])');
    assert.equal(redactKey('no key', undefined), 'no key');
  });
});
