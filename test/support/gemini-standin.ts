// A loopback stand-in for the Gemini REST API, enough for the real @google/genai SDK: generateContent,
// batchGenerateContent, batches.get and models.get (the key check). It reads tags off the pixels it receives (the mean colour, so
// every image gets its own tags and a mix-up shows), counts requests per image, checks every request
// for file names and leftover metadata, and injects faults on demand.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { loadSharp } from '../../src/core/natives.ts';

export const STANDIN_API_KEY = 'standin-valid-key-0123456789';

export type StandinFault =
  | { kind: 'rate-limit'; retryDelay?: string }
  | { kind: 'unavailable' }
  | { kind: 'slow'; ms: number }
  | { kind: 'truncated' }
  | { kind: 'truncated-body' }
  | { kind: 'safety' }
  | { kind: 'prompt-blocked' }
  | { kind: 'invalid-key' }
  /** Answer with this object as the model's JSON text instead of the derived tags. */
  | { kind: 'answer'; body: unknown };

export interface StandinRequest {
  /** Global request number, from 1. */
  index: number;
  kind: 'generate' | 'batch-create';
  /** The model named in the URL. */
  model: string;
  /** generationConfig.mediaResolution as sent, or '' when absent. */
  mediaResolution: string;
  /** tone-R-G-B of the image's mean colour (colour bins of 32). */
  imageKey: string;
  /** sha256 of the image bytes as sent. */
  imageSha: string;
  /** This image's request number, from 1. */
  attempt: number;
  mimeType: string;
  imageBytes: number;
  bodyBytes: number;
  prompt: string;
  /** Metadata blocks found in the sent image (exif, xmp, iptc, icc); must stay empty. */
  metadataFound: string[];
  /** Registered forbidden strings found anywhere in the request body; must stay empty. */
  forbiddenFound: string[];
  status: number;
  /** Milliseconds since the stand-in started, when the request arrived. */
  at: number;
  /** Requests being handled when this one arrived, itself included. */
  inFlight: number;
}

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export function toneKey(rgb: Rgb): string {
  return `tone-${Math.floor(rgb.r / 32)}-${Math.floor(rgb.g / 32)}-${Math.floor(rgb.b / 32)}`;
}

/** The i-th of 512 colours, each in the middle of its tone bin so JPEG drift cannot move it across. */
export function distinctColour(i: number): Rgb {
  return { r: 16 + 32 * (i % 8), g: 16 + 32 * (Math.floor(i / 8) % 8), b: 16 + 32 * (Math.floor(i / 64) % 8) };
}

const NAMED_COLOURS: [string, Rgb][] = [
  ['black', { r: 0, g: 0, b: 0 }],
  ['white', { r: 255, g: 255, b: 255 }],
  ['gray', { r: 128, g: 128, b: 128 }],
  ['red', { r: 220, g: 30, b: 30 }],
  ['green', { r: 30, g: 180, b: 30 }],
  ['blue', { r: 30, g: 30, b: 220 }],
  ['yellow', { r: 230, g: 230, b: 30 }],
  ['cyan', { r: 30, g: 220, b: 220 }],
  ['magenta', { r: 220, g: 30, b: 220 }],
  ['orange', { r: 240, g: 140, b: 20 }],
];

export function colourName(rgb: Rgb): string {
  let best = NAMED_COLOURS[0]!;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const entry of NAMED_COLOURS) {
    const distance = (entry[1].r - rgb.r) ** 2 + (entry[1].g - rgb.g) ** 2 + (entry[1].b - rgb.b) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [entry, distance];
  }
  return best[0];
}

interface ImageReading {
  key: string;
  colour: string;
  sha: string;
  metadataFound: string[];
  width: number;
  height: number;
}

async function readImage(data: Buffer): Promise<ImageReading> {
  const sharp = loadSharp();
  const metadata = await sharp(data).metadata();
  const stats = await sharp(data).removeAlpha().stats();
  const [r, g, b] = stats.channels.map((channel) => Math.round(channel.mean));
  const rgb = { r: r!, g: g!, b: b! };
  const metadataFound = (['exif', 'xmp', 'iptc', 'icc'] as const).filter((block) => metadata[block] !== undefined);
  return {
    key: toneKey(rgb),
    colour: colourName(rgb),
    sha: createHash('sha256').update(data).digest('hex'),
    metadataFound,
    width: metadata.width ?? 0,
    height: metadata.height ?? 0,
  };
}

function derivedTags(image: ImageReading): Record<string, unknown> {
  return {
    caption: `a ${image.colour} square`,
    tags: [image.key, image.colour, 'swatch'],
    objects: ['square'],
    style: ['flat colour'],
    mood: ['calm'],
    colors: [image.colour],
    text: [],
    altText: `${image.colour} swatch`,
  };
}

interface GenerateRequestBody {
  contents?: { parts?: { text?: string; inlineData?: { mimeType?: string; data?: string } }[] }[];
  generationConfig?: { mediaResolution?: string };
}

function modelNotFoundBody(model: string): string {
  return errorBody(404, 'NOT_FOUND', `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`);
}

function errorBody(code: number, status: string, message: string, details: unknown[] = []): string {
  return JSON.stringify({ error: { code, message, status, details } });
}

// Echoes the key it got, as a careless proxy might, so the tests can prove the tagger never repeats it.
function invalidKeyBody(receivedKey: string): string {
  return errorBody(400, 'INVALID_ARGUMENT', `API key not valid. Please pass a valid API key. (got "${receivedKey}")`, [
    { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
  ]);
}

interface BatchJobRecord {
  id: string;
  model: string;
  polls: number;
  responses: unknown[];
  /** Images given a normal answer, counted as answered once the job succeeds. */
  answeredKeys: string[];
  counted: boolean;
}

export class GeminiStandin {
  readonly requests: StandinRequest[] = [];
  /** Decides a fault for each generate request; undefined means a normal answer. */
  fault: (request: StandinRequest) => StandinFault | undefined = () => undefined;
  /** When set, any other model gets the API's 404 NOT_FOUND, as a retired model does. */
  knownModels: string[] | null = null;
  /** Strings (file names, folder names) that must never appear in a request body. */
  forbidden: string[] = [];
  /** Polls of a batch job answered as still running before it succeeds. */
  batchPollsBeforeDone = 1;
  /** batches.get calls received. */
  batchPolls = 0;
  /** models.get calls received. */
  modelGets = 0;
  /** While true, generate requests are recorded but not answered until release(): a test looks at a run mid-way. */
  holdAnswers = false;
  private readonly held: (() => void)[] = [];
  private readonly server: Server;
  private readonly attempts = new Map<string, number>();
  private readonly answered = new Map<string, number>();
  private readonly batchJobs = new Map<string, BatchJobRecord>();
  private readonly sockets = new Set<import('node:net').Socket>();
  private readonly startedAt = performance.now();
  private inFlight = 0;
  baseUrl = '';

  private constructor() {
    this.server = createServer((request, response) => {
      this.inFlight++;
      response.on('close', () => this.inFlight--);
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(errorBody(500, 'INTERNAL', String(error)));
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(): Promise<GeminiStandin> {
    const standin = new GeminiStandin();
    await new Promise<void>((resolve) => standin.server.listen(0, '127.0.0.1', resolve));
    standin.baseUrl = `http://127.0.0.1:${(standin.server.address() as AddressInfo).port}`;
    return standin;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Generate requests recorded and waiting for release(). */
  get heldCount(): number {
    return this.held.length;
  }

  /** Lets the `count` oldest held requests be answered; returns how many were. */
  release(count = Infinity): number {
    const released = this.held.splice(0, count);
    for (const answer of released) answer();
    return released.length;
  }

  /** Resolves on release() (false), or true when the client gave up on the request first. */
  private hold(response: ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      const answer = () => {
        response.off('close', gaveUp);
        resolve(false);
      };
      const gaveUp = () => {
        const at = this.held.indexOf(answer);
        if (at >= 0) this.held.splice(at, 1);
        resolve(true);
      };
      this.held.push(answer);
      response.once('close', gaveUp);
    });
  }

  /** Requests that carried this image (by tone key). */
  sentCount(imageKey: string): number {
    return this.attempts.get(imageKey) ?? 0;
  }

  /** Normal answers (tags delivered) for this image. */
  answeredCount(imageKey: string): number {
    return this.answered.get(imageKey) ?? 0;
  }

  generateRequests(): StandinRequest[] {
    return this.requests.filter((request) => request.kind === 'generate');
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(request.url ?? '/', this.baseUrl);
    const send = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
      response.end(body);
    };
    const receivedKey = String(request.headers['x-goog-api-key'] ?? '');
    const keyIsValid = receivedKey === STANDIN_API_KEY;
    const invalidKey = invalidKeyBody(receivedKey);

    const generate = /^\/v1(?:beta)?\/models\/([^/:]+):generateContent$/.exec(url.pathname);
    const batchCreate = /^\/v1(?:beta)?\/models\/([^/:]+):batchGenerateContent$/.exec(url.pathname);
    const batchGet = /^\/v1(?:beta)?\/batches\/([^/:]+)$/.exec(url.pathname);
    const modelGet = /^\/v1(?:beta)?\/models\/([^/:]+)$/.exec(url.pathname);

    const unknownModel = (model: string) => this.knownModels !== null && !this.knownModels.includes(model);
    if (generate && request.method === 'POST') {
      const body = JSON.parse(raw.toString('utf8')) as GenerateRequestBody;
      const record = await this.record('generate', raw, body, generate[1]!);
      if (keyIsValid && unknownModel(generate[1]!)) {
        record.status = 404;
        return send(404, modelNotFoundBody(generate[1]!));
      }
      const fault = keyIsValid ? this.fault(record) : ({ kind: 'invalid-key' } as const);
      if (this.holdAnswers && (await this.hold(response))) {
        record.status = -1;
        return;
      }
      await this.answerGenerate(record, fault, invalidKey, response, send);
      return;
    }
    if (batchCreate && request.method === 'POST') {
      if (!keyIsValid) return send(400, invalidKey);
      if (unknownModel(batchCreate[1]!)) return send(404, modelNotFoundBody(batchCreate[1]!));
      const body = JSON.parse(raw.toString('utf8')) as {
        batch?: { inputConfig?: { requests?: { requests?: { request?: GenerateRequestBody; metadata?: Record<string, string> }[] } } };
      };
      const inlined = body.batch?.inputConfig?.requests?.requests ?? [];
      const responses: unknown[] = [];
      const answeredKeys: string[] = [];
      for (const entry of inlined) {
        const record = await this.record('batch-create', Buffer.from(JSON.stringify(entry)), entry.request ?? {}, batchCreate[1]!);
        const fault = this.fault(record);
        const answer = this.answerBody(record, fault);
        responses.push({ response: answer.body, metadata: entry.metadata });
        record.status = answer.status;
        if (fault === undefined) answeredKeys.push(record.imageKey);
      }
      const id = `job${this.batchJobs.size + 1}`;
      this.batchJobs.set(id, { id, model: batchCreate[1]!, polls: 0, responses, answeredKeys, counted: false });
      return send(200, JSON.stringify(this.batchOperation(this.batchJobs.get(id)!, 'BATCH_STATE_PENDING')));
    }
    if (batchGet && request.method === 'GET') {
      if (!keyIsValid) return send(400, invalidKey);
      const job = this.batchJobs.get(batchGet[1]!);
      if (!job) return send(404, errorBody(404, 'NOT_FOUND', 'no such batch'));
      job.polls++;
      this.batchPolls++;
      const done = job.polls > this.batchPollsBeforeDone;
      if (done && !job.counted) {
        job.counted = true;
        for (const key of job.answeredKeys) this.countAnswer(key);
      }
      return send(200, JSON.stringify(this.batchOperation(job, done ? 'BATCH_STATE_SUCCEEDED' : 'BATCH_STATE_RUNNING')));
    }
    if (modelGet && request.method === 'GET') {
      this.modelGets++;
      if (!keyIsValid) return send(400, invalidKey);
      if (!modelGet[1]!.startsWith('gemini-')) return send(404, errorBody(404, 'NOT_FOUND', `models/${modelGet[1]} is not found`));
      return send(200, JSON.stringify({ name: `models/${modelGet[1]}`, displayName: modelGet[1], inputTokenLimit: 1048576, supportedGenerationMethods: ['generateContent'] }));
    }
    send(404, errorBody(404, 'NOT_FOUND', `no route ${request.method} ${url.pathname}`));
  }

  private batchOperation(job: BatchJobRecord, state: string): unknown {
    const done = state === 'BATCH_STATE_SUCCEEDED';
    return {
      name: `batches/${job.id}`,
      metadata: {
        '@type': 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch',
        model: `models/${job.model}`,
        displayName: 'asset-lens',
        state,
        ...(done ? { output: { inlinedResponses: { inlinedResponses: job.responses } } } : {}),
      },
      ...(done ? { done: true } : {}),
    };
  }

  private countAnswer(imageKey: string): void {
    this.answered.set(imageKey, (this.answered.get(imageKey) ?? 0) + 1);
  }

  private async record(kind: StandinRequest['kind'], raw: Buffer, body: GenerateRequestBody, model: string): Promise<StandinRequest> {
    const parts = body.contents?.flatMap((content) => content.parts ?? []) ?? [];
    const imagePart = parts.find((part) => part.inlineData?.data);
    const image = imagePart?.inlineData?.data ? Buffer.from(imagePart.inlineData.data, 'base64') : null;
    const reading = image ? await readImage(image) : null;
    const imageKey = reading?.key ?? 'no-image';
    const attempt = (this.attempts.get(imageKey) ?? 0) + 1;
    this.attempts.set(imageKey, attempt);
    const text = raw.toString('utf8');
    const record: StandinRequest = {
      index: this.requests.length + 1,
      kind,
      model,
      mediaResolution: body.generationConfig?.mediaResolution ?? '',
      imageKey,
      imageSha: reading?.sha ?? '',
      attempt,
      mimeType: imagePart?.inlineData?.mimeType ?? '',
      imageBytes: image?.length ?? 0,
      bodyBytes: raw.length,
      prompt: parts.filter((part) => typeof part.text === 'string').map((part) => part.text).join('\n'),
      metadataFound: reading?.metadataFound ?? [],
      forbiddenFound: this.forbidden.filter((word) => text.includes(word)),
      status: 0,
      at: performance.now() - this.startedAt,
      inFlight: this.inFlight,
    };
    this.requests.push(record);
    this.readings.set(record.index, reading);
    return record;
  }

  private readonly readings = new Map<number, ImageReading | null>();

  /** The JSON body of a 200 answer for a request, with the fault applied if it is an answer-level one. */
  private answerBody(record: StandinRequest, fault: StandinFault | undefined): { status: number; body: unknown } {
    const reading = this.readings.get(record.index);
    const usageMetadata = { promptTokenCount: 258 + Math.ceil(record.prompt.length / 4), candidatesTokenCount: 60, totalTokenCount: 0 };
    usageMetadata.totalTokenCount = usageMetadata.promptTokenCount + usageMetadata.candidatesTokenCount;
    if (fault?.kind === 'prompt-blocked') return { status: 200, body: { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata } };
    if (fault?.kind === 'safety') {
      return {
        status: 200,
        body: { candidates: [{ finishReason: 'SAFETY', index: 0, safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }] }], usageMetadata },
      };
    }
    const tags = fault?.kind === 'answer' ? fault.body : reading ? derivedTags(reading) : {};
    let text = JSON.stringify(tags);
    if (fault?.kind === 'truncated') text = text.slice(0, Math.floor(text.length / 2));
    return {
      status: 200,
      body: { candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }], usageMetadata, modelVersion: 'standin-1' },
    };
  }

  private async answerGenerate(
    record: StandinRequest,
    fault: StandinFault | undefined,
    invalidKey: string,
    response: ServerResponse,
    send: (status: number, body: string) => void,
  ): Promise<void> {
    switch (fault?.kind) {
      case 'invalid-key':
        record.status = 400;
        return send(400, invalidKey);
      case 'rate-limit':
        record.status = 429;
        return send(
          429,
          errorBody(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota.', [
            { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generate_content_requests' }] },
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: fault.retryDelay ?? '0.1s' },
          ]),
        );
      case 'unavailable':
        record.status = 503;
        return send(503, errorBody(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'));
      case 'slow': {
        const closed = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), fault.ms);
          response.on('close', () => {
            clearTimeout(timer);
            resolve(true);
          });
        });
        if (closed) {
          record.status = -1;
          return;
        }
        break;
      }
      case 'truncated-body': {
        record.status = 200;
        const body = JSON.stringify(this.answerBody(record, undefined).body);
        response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
        response.end(body.slice(0, Math.floor(body.length / 2)));
        return;
      }
    }
    const answer = this.answerBody(record, fault);
    record.status = answer.status;
    const candidate = (answer.body as { candidates?: { finishReason?: string }[] }).candidates?.[0];
    if (fault === undefined || fault.kind === 'slow' || (fault.kind === 'answer' && candidate?.finishReason === 'STOP')) this.countAnswer(record.imageKey);
    send(answer.status, JSON.stringify(answer.body));
  }
}
