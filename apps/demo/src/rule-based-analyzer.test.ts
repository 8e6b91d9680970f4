import { describe, expect, it } from 'vitest';
import type { ReviewProfile } from './analyzer.js';
import { createRuleBasedAnalyzer } from './rule-based-analyzer.js';
import { loadCodebase, type SourceFile } from './sample-codebase.js';

async function issuesOf(path: string, profile: ReviewProfile = 'thorough') {
  const file = (await loadCodebase()).find((f) => f.path === path) as SourceFile;
  const issues = await createRuleBasedAnalyzer().analyze({
    agentId: 'a',
    file,
    profile,
    prompt: '',
    knownIssues: [],
  });
  return Object.fromEntries(issues.map((i) => [i.rule, i.verdict]));
}

describe('the rule-based analyzer on the sample codebase', () => {
  it('finds every planted issue and nothing in the clean file', async () => {
    expect(await issuesOf('src/db/user-repository.ts')).toEqual({ 'sql-injection': 'vulnerable' });
    expect(await issuesOf('src/api/search-handler.ts')).toEqual({
      'sql-injection': 'vulnerable',
      'loose-equality': 'bug-risk',
    });
    expect(await issuesOf('src/config/payment-settings.ts')).toEqual({
      'hard-coded-secret': 'leaked-secret',
      'todo-debt': 'tech-debt',
    });
    expect(await issuesOf('src/orders/checkout.ts')).toEqual({
      'missing-await': 'bug',
      'todo-debt': 'tech-debt',
    });
    expect(await issuesOf('src/health/health-check.ts')).toEqual({});
  });

  it('makes the two review profiles disagree on a compared token, and only there', async () => {
    expect(await issuesOf('src/auth/session-check.ts', 'thorough')).toEqual({
      'loose-equality': 'auth-bypass-risk',
      'todo-debt': 'tech-debt',
    });
    expect(await issuesOf('src/auth/session-check.ts', 'quick')).toEqual({
      'loose-equality': 'style',
      'todo-debt': 'tech-debt',
    });
  });

  it('never copies the credential it found into the evidence', async () => {
    const file = (await loadCodebase()).find((f) => f.path === 'src/config/payment-settings.ts')!;
    const issues = await createRuleBasedAnalyzer().analyze({
      agentId: 'a',
      file,
      profile: 'thorough',
      prompt: '',
      knownIssues: [],
    });
    const secret = issues.find((i) => i.rule === 'hard-coded-secret')!;
    expect(secret.evidence.join('\n')).toContain('<redacted>');
    expect(secret.evidence.join('\n')).not.toContain('FAKE-demo-key');
  });
});
