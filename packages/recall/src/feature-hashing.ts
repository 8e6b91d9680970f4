/** FNV-1a, 32 bits: fast, stable across runs and platforms, good enough spread for feature hashing. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Adds weighted features into a fixed-size vector (the "hashing trick"). Each feature lands on one
 * dimension with a sign taken from another bit of its hash, so collisions cancel out on average
 * instead of piling up.
 */
export function hashFeatures(features: ReadonlyMap<string, number>, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  for (const [feature, weight] of features) {
    const hash = fnv1a(feature);
    const sign = hash & 0x80000000 ? -1 : 1;
    vector[(hash & 0x7fffffff) % dimensions]! += sign * weight;
  }
  let norm = 0;
  for (let i = 0; i < dimensions; i++) norm += vector[i]! * vector[i]!;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < dimensions; i++) vector[i]! *= scale;
  }
  return vector;
}
