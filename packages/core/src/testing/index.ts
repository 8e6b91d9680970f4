// Conformance suites: written once in core, run by every adapter in its own tests
// (`describeShortTermAdapter('redis', factory, { realTime: true })`). Needs vitest (optional peer).
export {
  BAD_IDS,
  type BadCall,
  expectAllRejected,
  expectMemoryError,
  sleep,
  waitFor,
} from './assertions.js';
export { describeConversationWindow } from './conversation-window-suite.js';
export { describeEventBus } from './event-bus-suite.js';
export { describeEventLog } from './event-log-suite.js';
export { describeFindingLog } from './finding-log-suite.js';
export {
  type AdapterCapabilities,
  type AdapterCapability,
  type AdapterFactory,
  type AdapterHarness,
  CONFORMANCE_LIMITS,
  createConformanceConfig,
  hasCapability,
  itNeeds,
  type PatternStoreHarness,
  type SuiteOptions,
  timeUnit,
} from './harness.js';
export { describeLeaseStore } from './lease-store-suite.js';
export { describePatternStore } from './pattern-store-suite.js';
export { describeRecordStore } from './record-store-suite.js';
export { describeSessionStore } from './session-store-suite.js';
export { describeAdapterLifecycle, describeShortTermAdapter } from './short-term-adapter-suite.js';
export {
  describeVectorIndex,
  type VectorIndexFactory,
  type VectorIndexHarness,
} from './vector-index-suite.js';
