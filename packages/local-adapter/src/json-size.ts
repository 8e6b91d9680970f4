// The longest text JSON.stringify makes for a number ("-1.2345678901234567e-308").
const MAX_NUMBER_CHARS = 24;
// A UTF-16 unit becomes at most 6 bytes of JSON text: an escape like \u001f, or a lone
// surrogate escaped as \udXXX; a pair of units (4 UTF-8 bytes) stays within 2 × 6.
const MAX_BYTES_PER_UNIT = 6;

/**
 * An upper bound of the UTF-8 byte length of `JSON.stringify(value)` for JSON that passed
 * isPlainJson, without serialising: a value far under the size limit (nearly all of them) needs
 * no exact count. Infinity when the walk gives up (very deep nesting).
 */
export function jsonByteBound(value: unknown, depth = 0): number {
  switch (typeof value) {
    case 'string':
      return 2 + MAX_BYTES_PER_UNIT * value.length;
    case 'number':
      return MAX_NUMBER_CHARS;
    case 'boolean':
      return 5;
    case 'object': {
      if (value === null) return 4;
      if (depth > 64) return Number.POSITIVE_INFINITY;
      let bytes = 2;
      if (Array.isArray(value)) {
        for (const item of value) bytes += 1 + jsonByteBound(item, depth + 1);
        return bytes;
      }
      const record = value as Record<string, unknown>;
      for (const key in record) {
        // an undefined property is left out by JSON.stringify; counting it only loosens the bound
        bytes += 2 + MAX_BYTES_PER_UNIT * key.length + 2 + jsonByteBound(record[key], depth + 1);
      }
      return bytes;
    }
    default:
      // undefined and functions vanish from JSON (or become null in arrays)
      return 4;
  }
}
