// A tiny BERT-shaped ONNX model + WordPiece tokenizer.json, written to a temp folder, to test the
// sentence-transformer path without a model hub. last_hidden_state[b, s] = word[input_ids] + type[token_type_ids].
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataType, encodeModel, node, tensor, valueInfo } from '../../scripts/model-onnx.ts';

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];
/** Words of one group share a direction in the table, so related words embed close together. */
const GROUPS = [
  ['cat', 'kitten', 'dog', 'puppy'],
  ['car', 'truck', 'bus', 'engine'],
  ['apple', 'banana', 'cherry', 'pie'],
];
const PIECES = ['##s', '##y', 'the', 'a'];

export interface TinyModel {
  dir: string;
  dimensions: number;
  /** Token string -> id, as in tokenizer.json. */
  vocab: Map<string, number>;
  /** Row i = the hidden state of token id i (before the token-type row is added). */
  wordRows: Float32Array[];
  typeRow: Float32Array;
}

/** Deterministic pseudo-random numbers in [-1, 1) (mulberry32). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

function tokenizerJson(tokens: readonly string[]): object {
  const id = (token: string): number => tokens.indexOf(token);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(tokens.map((token, index) => [token, index])),
    },
  };
}

/** Writes model.onnx, tokenizer.json and model.json (kind sentence-transformer) to a new temp folder. */
export function writeTinySentenceModel(options: { dimensions?: number; maxLength?: number; seed?: number } = {}): TinyModel {
  const dimensions = options.dimensions ?? 8;
  const random = seededRandom(options.seed ?? 7);
  const tokens = [...SPECIAL, ...GROUPS.flat(), ...PIECES];
  const groupOf = new Map(GROUPS.flatMap((words, group) => words.map((word) => [word, group] as const)));
  const groupDirections = GROUPS.map(() => Float32Array.from({ length: dimensions }, () => random() * 3));
  const wordRows = tokens.map((token) => {
    const group = groupOf.get(token);
    return Float32Array.from({ length: dimensions }, (_, d) => random() * 0.5 + (group === undefined ? 0 : groupDirections[group]![d]!));
  });
  const typeRows = [0, 1].map(() => Float32Array.from({ length: dimensions }, () => random() * 0.1));

  const table = new Float32Array(tokens.length * dimensions);
  wordRows.forEach((row, index) => table.set(row, index * dimensions));
  const typeTable = new Float32Array(2 * dimensions);
  typeRows.forEach((row, index) => typeTable.set(row, index * dimensions));

  const model = encodeModel({
    name: 'tiny-bert',
    initializers: [
      tensor('word_embeddings', DataType.float, [tokens.length, dimensions], table),
      tensor('type_embeddings', DataType.float, [2, dimensions], typeTable),
    ],
    nodes: [
      node('Gather', ['word_embeddings', 'input_ids'], ['words'], { axis: 0 }),
      node('Gather', ['type_embeddings', 'token_type_ids'], ['types'], { axis: 0 }),
      node('Add', ['words', 'types'], ['last_hidden_state']),
    ],
    inputs: [
      valueInfo('input_ids', DataType.int64, ['batch', 'sequence']),
      valueInfo('attention_mask', DataType.int64, ['batch', 'sequence']),
      valueInfo('token_type_ids', DataType.int64, ['batch', 'sequence']),
    ],
    outputs: [valueInfo('last_hidden_state', DataType.float, ['batch', 'sequence', dimensions])],
  });

  const dir = mkdtempSync(join(tmpdir(), 'asset-lens-tiny-model-'));
  writeFileSync(join(dir, 'model.onnx'), model);
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson(tokens)));
  writeFileSync(
    join(dir, 'model.json'),
    JSON.stringify({
      kind: 'sentence-transformer',
      name: 'tiny-bert',
      dimensions,
      files: { model: 'model.onnx', tokenizer: 'tokenizer.json' },
      ...(options.maxLength === undefined ? {} : { maxLength: options.maxLength }),
    }),
  );
  return { dir, dimensions, vocab: new Map(tokens.map((token, index) => [token, index])), wordRows, typeRow: typeRows[0]! };
}
