export {
  loadWordVectors,
  SHIPPED_TABLE,
  type ShippedTableInfo,
  shippedTableInfo,
} from './load-word-vectors.js';
export { decodeWordTable, TABLE_FORMAT_VERSION, TABLE_MAGIC, type WordTable } from './table-format.js';
export { type WordNeighbour, WordVectors } from './word-vectors.js';
