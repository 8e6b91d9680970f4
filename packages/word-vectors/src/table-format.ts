import { MemoryError } from '@agent-memory/core';

/** "AMWV" as a little-endian u32: the first four bytes of a table. */
export const TABLE_MAGIC = 0x5657_4d41;
export const TABLE_FORMAT_VERSION = 1;
const HEADER_BYTES = 24;

/**
 * A word-vector table as `scripts/derive-table.mjs` writes it (little-endian):
 *
 * | bytes | what |
 * |---|---|
 * | 24 | header: u32 magic, format version, word count, dimensions, neighbours per word, word-list bytes |
 * | word-list bytes, padded to 4 | the words in UTF-8, joined by `\n`, most frequent first |
 * | 4 × count | float32 scale of each word: `code × scale` is the word's unit vector, quantised |
 * | count × dimensions | int8 codes |
 * | 2 × count × neighbours | u16 index of each word's nearest words, nearest first |
 * | count × neighbours | u8 cosine similarity of each of them, in 1/255 steps |
 */
export interface WordTable {
  words: string[];
  dimensions: number;
  neighboursPerWord: number;
  scales: Float32Array;
  codes: Int8Array;
  neighbourIds: Uint16Array;
  neighbourSimilarities: Uint8Array;
}

/** Reads a table; views share the buffer, nothing is copied but the word list. */
export function decodeWordTable(bytes: Uint8Array, name = 'word-vector table'): WordTable {
  const corrupt = (what: string) =>
    new MemoryError(
      'CORRUPT_DATA',
      `${name} is not a word-vector table (${what}); reinstall @agent-memory/word-vectors or derive it again`,
    );
  if (bytes.byteLength < HEADER_BYTES) throw corrupt('too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (i: number) => view.getUint32(i * 4, true);
  if (u32(0) !== TABLE_MAGIC) throw corrupt('wrong magic number');
  if (u32(1) !== TABLE_FORMAT_VERSION) throw corrupt(`format ${u32(1)}, expected ${TABLE_FORMAT_VERSION}`);
  const [count, dimensions, neighboursPerWord, wordBytes] = [u32(2), u32(3), u32(4), u32(5)];
  if (count > 65_536) throw corrupt('more words than u16 neighbour ids can name');
  const scalesAt = HEADER_BYTES + Math.ceil(wordBytes / 4) * 4;
  const codesAt = scalesAt + 4 * count;
  const idsAt = codesAt + count * dimensions;
  const simsAt = idsAt + 2 * count * neighboursPerWord;
  if (simsAt + count * neighboursPerWord !== bytes.byteLength) throw corrupt('sizes do not add up');
  const words = new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + wordBytes)).split('\n');
  if (words.length !== count) throw corrupt(`${words.length} words, header says ${count}`);
  // Typed views need aligned offsets: the file aligns scales and ids, but the buffer Node hands
  // out may itself start anywhere, so copy only when it does not.
  const aligned = (at: number, align: number) => (bytes.byteOffset + at) % align === 0;
  const slice = (at: number, length: number) => bytes.slice(at, at + length).buffer;
  return {
    words,
    dimensions,
    neighboursPerWord,
    scales: aligned(scalesAt, 4)
      ? new Float32Array(bytes.buffer, bytes.byteOffset + scalesAt, count)
      : new Float32Array(slice(scalesAt, 4 * count)),
    codes: new Int8Array(bytes.buffer, bytes.byteOffset + codesAt, count * dimensions),
    neighbourIds: aligned(idsAt, 2)
      ? new Uint16Array(bytes.buffer, bytes.byteOffset + idsAt, count * neighboursPerWord)
      : new Uint16Array(slice(idsAt, 2 * count * neighboursPerWord)),
    neighbourSimilarities: new Uint8Array(bytes.buffer, bytes.byteOffset + simsAt, count * neighboursPerWord),
  };
}
