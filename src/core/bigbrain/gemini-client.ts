// One image per generateContent call through @google/genai, with every way it can end reduced to one
// outcome. The SDK's own retries stay off (no httpOptions.retryOptions), so each call is exactly one
// HTTP request and all retry decisions are the queue's.
import { ApiError, GoogleGenAI, MediaResolution, type GenerateContentConfig, type GenerateContentResponse, type Part } from '@google/genai';
import type { CloudTags, TokenUsage } from '../types.ts';
import { CLOUD_PROMPT, CLOUD_RESPONSE_SCHEMA, MAX_OUTPUT_TOKENS, MalformedAnswerError, parseCloudAnswer } from './prompt-and-schema.ts';
import type { PreparedImage } from './prepare-image.ts';
import { cloudModel, supportedModelNames } from './models.ts';

export type CloudAttempt =
  | { outcome: 'tagged'; tags: CloudTags; usage: TokenUsage }
  /** The model or the prompt filter refused the image; asking again would not change that. */
  | { outcome: 'blocked'; reason: string; usage: TokenUsage }
  /** The answer was cut off or not the JSON asked for. */
  | { outcome: 'malformed'; reason: string; usage: TokenUsage }
  | { outcome: 'rate-limited'; reason: string; retryAfterMs: number | null }
  /** 5xx, timeouts, dropped connections: worth another try later. */
  | { outcome: 'transient'; reason: string }
  /** This request was refused (400); retrying it in this run would be refused again. */
  | { outcome: 'rejected'; reason: string }
  /** Every request would fail the same way (bad key, unknown model): stop the queue. */
  | { outcome: 'fatal'; reason: string }
  | { outcome: 'aborted' };

const NO_USAGE: TokenUsage = { promptTokens: 0, outputTokens: 0 };

const BLOCKING_FINISH_REASONS = new Set(['SAFETY', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'RECITATION', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT']);

export function buildRequestParts(image: PreparedImage): Part[] {
  return [{ inlineData: { mimeType: image.mimeType, data: image.data.toString('base64') } }, { text: CLOUD_PROMPT }];
}

export function buildRequestConfig(model: string): GenerateContentConfig {
  return {
    responseMimeType: 'application/json',
    responseSchema: CLOUD_RESPONSE_SCHEMA,
    temperature: 0.2,
    maxOutputTokens: MAX_OUTPUT_TOKENS,
    ...(cloudModel(model).mediaResolutionLow ? { mediaResolution: MediaResolution.MEDIA_RESOLUTION_LOW } : {}),
  };
}

/** The one message a retired or unknown model gives: which setting to change, and to what. */
export function unknownModelMessage(model: string, detail: string): string {
  return (
    `Gemini has no model "${model}" (${detail}); it may have been retired. ` +
    `Set the model to one of ${supportedModelNames()}: assetLens.cloud.model in the VS Code user settings, or --model / ASSET_LENS_GEMINI_MODEL for the CLI`
  );
}

export function usageOf(response: GenerateContentResponse): TokenUsage {
  const usage = response.usageMetadata;
  return {
    promptTokens: usage?.promptTokenCount ?? 0,
    // Thinking tokens are billed as output.
    outputTokens: (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0),
  };
}

/** Reads a successful HTTP answer (interactive or from a batch job) into an outcome. */
export function interpretResponse(response: GenerateContentResponse): CloudAttempt {
  const usage = usageOf(response);
  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason) return { outcome: 'blocked', reason: `prompt blocked: ${blockReason}`, usage };
  const candidate = response.candidates?.[0];
  if (!candidate) return { outcome: 'malformed', reason: 'the answer has no candidates', usage };
  const finishReason = candidate.finishReason ?? 'STOP';
  if (BLOCKING_FINISH_REASONS.has(finishReason)) return { outcome: 'blocked', reason: `answer withheld: ${finishReason}`, usage };
  const text = (candidate.content?.parts ?? [])
    .filter((part) => !part.thought && typeof part.text === 'string')
    .map((part) => part.text)
    .join('');
  if (finishReason === 'MAX_TOKENS') return { outcome: 'malformed', reason: `the answer was cut off at ${MAX_OUTPUT_TOKENS} tokens`, usage };
  try {
    return { outcome: 'tagged', tags: parseCloudAnswer(text), usage };
  } catch (error) {
    if (error instanceof MalformedAnswerError) return { outcome: 'malformed', reason: error.message, usage };
    throw error;
  }
}

/** Protobuf Duration JSON ("13s", "0.250s") to milliseconds. */
export function parseRetryDelay(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.round(Number(match[1]) * 1000) : null;
}

interface GoogleErrorBody {
  code?: number;
  message?: string;
  status?: string;
  details?: { '@type'?: string; reason?: string; retryDelay?: string }[];
}

function errorBodyOf(error: ApiError): GoogleErrorBody {
  try {
    const parsed = JSON.parse(error.message) as { error?: GoogleErrorBody };
    return parsed.error ?? {};
  } catch {
    return { message: error.message };
  }
}

function shorten(text: string, max = 240): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** Removes the key from any text that might be shown or stored. */
export function redactKey(text: string, apiKey: string | undefined): string {
  return apiKey ? text.split(apiKey).join('[redacted]') : text;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** Whether Gemini refused the request because of its API key. */
export function apiKeyRejected(error: ApiError): boolean {
  const body = errorBodyOf(error);
  const reasons = (body.details ?? []).map((detail) => detail.reason);
  return error.status === 401 || error.status === 403 || reasons.includes('API_KEY_INVALID') || /api key not valid/i.test(body.message ?? '');
}

/** "<status> <STATUS>: <message>", short, on one line. */
export function describeApiError(error: ApiError): string {
  const body = errorBodyOf(error);
  return shorten(`${error.status} ${body.status ?? ''}: ${body.message ?? ''}`);
}

/** Maps a thrown SDK/network error to an outcome. */
export function classifyError(error: unknown, context: { aborted: boolean; model: string }): CloudAttempt {
  if (context.aborted) return { outcome: 'aborted' };
  if (error instanceof ApiError) {
    const body = errorBodyOf(error);
    const summary = describeApiError(error);
    if (error.status === 429) {
      const retryInfo = body.details?.find((detail) => detail['@type']?.endsWith('google.rpc.RetryInfo'));
      return { outcome: 'rate-limited', reason: summary, retryAfterMs: parseRetryDelay(retryInfo?.retryDelay) };
    }
    if (apiKeyRejected(error)) {
      return { outcome: 'fatal', reason: `Gemini refused the API key (${summary}); check GEMINI_API_KEY or the key in the Asset Lens settings` };
    }
    if (error.status === 404) return { outcome: 'fatal', reason: unknownModelMessage(context.model, summary) };
    if (body.status === 'FAILED_PRECONDITION') return { outcome: 'fatal', reason: `Gemini cannot serve this key (${summary})` };
    if (error.status === 408 || error.status >= 500) return { outcome: 'transient', reason: summary };
    return { outcome: 'rejected', reason: summary };
  }
  if (isAbort(error)) return { outcome: 'transient', reason: 'no answer before the timeout' };
  if (error instanceof SyntaxError) return { outcome: 'malformed', reason: `unreadable response body (${shorten(error.message, 120)})`, usage: NO_USAGE };
  const message = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error);
  return { outcome: 'transient', reason: shorten(message) };
}

function redactAttempt(attempt: CloudAttempt, apiKey: string): CloudAttempt {
  return 'reason' in attempt ? { ...attempt, reason: redactKey(attempt.reason, apiKey) } : attempt;
}

export interface GeminiTaggerOptions {
  apiKey: string;
  model: string;
  baseUrl?: string;
  timeoutMs: number;
}

export interface GeminiTagger {
  readonly model: string;
  tagImage(image: PreparedImage, signal?: AbortSignal): Promise<CloudAttempt>;
  readonly client: GoogleGenAI;
}

export function createGeminiTagger(options: GeminiTaggerOptions): GeminiTagger {
  const client = new GoogleGenAI({
    apiKey: options.apiKey,
    // Pinned: structured output and the Batch API are documented on v1beta, whatever the SDK's default.
    apiVersion: 'v1beta',
    httpOptions: { baseUrl: options.baseUrl, timeout: options.timeoutMs },
  });
  return {
    model: options.model,
    client,
    async tagImage(image, signal) {
      let attempt: CloudAttempt;
      try {
        const response = await client.models.generateContent({
          model: options.model,
          contents: [{ role: 'user', parts: buildRequestParts(image) }],
          config: { ...buildRequestConfig(options.model), abortSignal: signal },
        });
        attempt = interpretResponse(response);
      } catch (error) {
        attempt = classifyError(error, { aborted: signal?.aborted ?? false, model: options.model });
      }
      return redactAttempt(attempt, options.apiKey);
    },
  };
}
