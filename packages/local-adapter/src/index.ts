export { globMatch } from '@agent-memory/core';
export {
  type CollectionEntry,
  createLocalBackend,
  type Entry,
  LocalBackend,
  type LocalBackendOptions,
} from './backend.js';
export {
  createLocalAdapter,
  DEFAULT_SWEEP_INTERVAL_MS,
  type LocalAdapter,
  type LocalAdapterOptions,
} from './local-adapter.js';
export { readSnapshotItems, type SnapshotItem } from './snapshot-export.js';
