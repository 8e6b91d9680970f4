export type { AnalysisRequest, Analyzer, Issue, KnownIssue, ReviewProfile } from './analyzer.js';
export { type DemoOptions, DemoOptionsSchema, type RunDemoOptions } from './demo-options.js';
export type { DemoOutput } from './demo-output.js';
export type { LatencyRow } from './latency-recorder.js';
export {
  type BuiltPrompt,
  estimateTokens,
  type PromptContext,
  recallPrompt,
  reviewPrompt,
} from './prompt-builder.js';
export { REVIEW_RULES, type ReviewRule } from './review-rules.js';
export { createRuleBasedAnalyzer } from './rule-based-analyzer.js';
export { type DemoReport, runDemo } from './run-demo.js';
export type { ConflictReport, RunReport, TaskReport } from './run-report.js';
export { loadCodebase, SAMPLE_CODEBASE_DIR, type SourceFile } from './sample-codebase.js';
export type { StoryCheck } from './story-checks.js';
export type { SkippedTask } from './task-plan.js';
export type { TaskResult } from './worker-loop.js';
