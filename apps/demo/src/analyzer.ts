import type { SourceFile } from './sample-codebase.js';

/**
 * How a reviewer reads code. `thorough` weighs what a construct means in context (a `==` on a token
 * is an auth bypass); `quick` is a fast lint-style pass that reports the same constructs as style.
 */
export type ReviewProfile = 'thorough' | 'quick';

/** A pattern recalled from long-term memory, as the prompt and the analyzer see it. */
export interface KnownIssue {
  patternId: string;
  rule: string;
  verdict: string;
  title: string;
  summary: string;
  confidence: number;
  /** The content fingerprint the pattern was learned from (null when the pattern does not say). */
  fingerprint: string | null;
}

export interface AnalysisRequest {
  agentId: string;
  file: SourceFile;
  profile: ReviewProfile;
  /** The assembled prompt: session context + recent window + relevant patterns + the task. */
  prompt: string;
  /** Patterns already known for this file (empty on a first run). */
  knownIssues: KnownIssue[];
}

/** One issue found in one file; it becomes a shared finding with subject `<file>#<rule>`. */
export interface Issue {
  /** Stable rule id, e.g. `sql-injection`; decides the pattern kind and id when it is promoted. */
  rule: string;
  verdict: string;
  confidence: number;
  summary: string;
  evidence: string[];
}

/**
 * The hook for a real model: the demo ships a deterministic rule-based analyzer so it runs without
 * an API key; implement `analyze` with an LLM call on `request.prompt` to plug one in.
 * Custom analyzers run in-process only (--processes workers use the rule-based one).
 */
export interface Analyzer {
  readonly name: string;
  analyze(request: AnalysisRequest): Promise<Issue[]>;
}
