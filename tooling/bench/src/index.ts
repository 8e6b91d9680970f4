export {
  type BenchOptions,
  type BenchOptionsInput,
  BenchOptionsSchema,
  FULL_PROFILE,
  type Profile,
  QUICK_PROFILE,
  SECTIONS,
  type Section,
} from './bench-options.js';
export { renderConsole } from './console-report.js';
export type * from './report-model.js';
export { type BenchRun, runBench } from './run-bench.js';
export { renderLineChart } from './svg-line-chart.js';
