// Checks a Gemini API key with one cheap call (models.get for the model that would tag), before a
// host saves it: the key is refused, Gemini cannot be reached, or it is fine.
import { ApiError, GoogleGenAI } from '@google/genai';
import { apiKeyRejected, describeApiError, redactKey } from './gemini-client.ts';
import { DEFAULT_CLOUD_MODEL } from './options.ts';

export type KeyCheckStatus = 'ok' | 'invalid-key' | 'unreachable' | 'error';

export interface KeyCheck {
  status: KeyCheckStatus;
  /** One line for the user; never contains the key. */
  message: string;
}

export interface KeyCheckOptions {
  baseUrl?: string;
  model?: string;
  timeoutMs?: number;
}

export async function checkGeminiKey(key: string, options: KeyCheckOptions = {}): Promise<KeyCheck> {
  const model = options.model ?? DEFAULT_CLOUD_MODEL;
  if (!key.trim()) return { status: 'invalid-key', message: 'the API key is empty' };
  const client = new GoogleGenAI({ apiKey: key.trim(), apiVersion: 'v1beta', httpOptions: { baseUrl: options.baseUrl, timeout: options.timeoutMs ?? 10_000 } });
  const result = await client.models.get({ model }).then(
    (): KeyCheck => ({ status: 'ok', message: `the key works (model ${model})` }),
    (error: unknown): KeyCheck => classify(error, model),
  );
  return { ...result, message: redactKey(result.message, key.trim()) };
}

function classify(error: unknown, model: string): KeyCheck {
  if (error instanceof ApiError) {
    const summary = describeApiError(error);
    if (apiKeyRejected(error)) return { status: 'invalid-key', message: `Gemini refused the API key (${summary})` };
    // Rate limited: the key was accepted.
    if (error.status === 429) return { status: 'ok', message: `the key works (Gemini is rate limiting it now: ${summary})` };
    if (error.status === 404) return { status: 'error', message: `the key works, but Gemini has no model "${model}" (${summary})` };
    if (error.status === 408 || error.status >= 500) return { status: 'unreachable', message: `Gemini did not answer properly (${summary}); try again later` };
    return { status: 'error', message: `Gemini refused the check (${summary})` };
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const message = error instanceof Error ? `${error.message}${cause}` : String(error);
  return { status: 'unreachable', message: `could not reach Gemini (${message.replace(/\s+/g, ' ').slice(0, 200)}); check the network or proxy` };
}
