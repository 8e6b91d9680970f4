import { type VectorAttributes, VectorAttributesSchema } from '@agent-memory/core';
import { checkStored, corrupt } from './stored-data.js';

// The wire format of a vector: its float32 values, little-endian, back to back, in one hash field,
// so an agent in another language reads it with one unpack ('<f' * dim) and RediSearch's FLOAT32
// vector fields could index the same bytes.

export function encodeVector(vector: ArrayLike<number>): Buffer {
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i]!, i * 4);
  return bytes;
}

/** CORRUPT_DATA when the bytes are not `dim` float32 values. */
export function decodeVector(bytes: Buffer, dim: number, key: string): Float32Array {
  if (bytes.length !== dim * 4) {
    throw corrupt(key, `vector is ${bytes.length} bytes, expected ${dim} float32 values`);
  }
  const vector = new Float32Array(dim);
  for (let i = 0; i < dim; i++) vector[i] = bytes.readFloatLE(i * 4);
  return vector;
}

export function decodeAttributes(json: string, key: string): VectorAttributes {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw corrupt(key, 'vector attributes are not valid JSON', error);
  }
  return checkStored(VectorAttributesSchema, parsed, key, 'vector attributes') as VectorAttributes;
}
