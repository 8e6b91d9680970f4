import type { ConversationMessage, JsonObject } from '@agent-memory/core';
import type { KnownIssue, ReviewProfile } from './analyzer.js';
import { REVIEW_RULES } from './review-rules.js';
import type { SourceFile } from './sample-codebase.js';

/** Everything memory contributes to one prompt. */
export interface PromptContext {
  agentId: string;
  profile: ReviewProfile;
  file: SourceFile;
  /** The agent's session context (short-term memory). */
  session: JsonObject;
  /** The agent's recent conversation window, newest first as the port returns it. */
  recent: ConversationMessage[];
  /** Patterns recalled from git for this file (long-term memory). */
  patterns: KnownIssue[];
}

/** A prompt and what each part of it costs, in estimated tokens. */
export interface BuiltPrompt {
  text: string;
  tokens: number;
  parts: { session: number; window: number; patterns: number; task: number };
}

/** What a prompt would cost a model: the usual rough estimate of 4 characters per token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The prompt for a full review: memory sections, then the instructions and the whole file. */
export function reviewPrompt(context: PromptContext): BuiltPrompt {
  const numbered = context.file.content
    .split('\n')
    .map((line, i) => `${String(i + 1).padStart(3)}| ${line}`)
    .join('\n');
  return assemble(context, [
    '## Task',
    `Review ${context.file.path} and report one finding per issue (rule, verdict, confidence, evidence lines).`,
    'Look for:',
    ...REVIEW_RULES.map((rule) => `- ${rule.id}: ${rule.instruction}`),
    '',
    '```ts',
    numbered,
    '```',
  ]);
}

/**
 * The prompt when long-term memory already covers this exact file content: confirm what is known
 * instead of reading the file again.
 */
export function recallPrompt(context: PromptContext): BuiltPrompt {
  return assemble(context, [
    '## Task',
    `${context.file.path} is unchanged since the patterns above were learned (fingerprint ${context.file.fingerprint}).`,
    'Restate the known issues as findings; do not re-read the file.',
  ]);
}

function assemble(context: PromptContext, task: string[]): BuiltPrompt {
  const style = context.profile === 'quick' ? 'a quick lint-style' : 'a thorough';
  const conversation = [...context.recent].reverse().map((m) => `${m.role}: ${m.content}`);
  const patterns = context.patterns.map(
    (p) => `- [${p.rule}] ${p.title}: ${p.verdict} (confidence ${p.confidence}) ${p.summary}`,
  );
  const sections = {
    session: [
      `# You are ${context.agentId}, ${style} code reviewer in a team of agents.`,
      '## Session context (short-term memory)',
      JSON.stringify(context.session),
    ],
    window: [
      '## Recent conversation (short-term memory, newest last)',
      ...(conversation.length > 0 ? conversation : ['(none yet)']),
    ],
    patterns: [
      `## Known patterns for ${context.file.path} (long-term memory, from git)`,
      ...(patterns.length > 0 ? patterns : ['(none)']),
      '',
    ],
    task,
  };
  const text = [...sections.session, ...sections.window, ...sections.patterns, ...sections.task].join('\n');
  const cost = (lines: string[]) => estimateTokens(lines.join('\n'));
  return {
    text,
    tokens: estimateTokens(text),
    parts: {
      session: cost(sections.session),
      window: cost(sections.window),
      patterns: cost(sections.patterns),
      task: cost(sections.task),
    },
  };
}
