import type { Analyzer, Issue } from './analyzer.js';
import { REVIEW_RULES } from './review-rules.js';

/** The default analyzer: deterministic regex rules, no model, no API key. It ignores the prompt. */
export function createRuleBasedAnalyzer(): Analyzer {
  return {
    name: 'rule-based',
    async analyze({ file, profile }) {
      const issues: Issue[] = [];
      for (const rule of REVIEW_RULES) {
        const found = rule.check(file, profile);
        if (found) issues.push({ rule: rule.id, ...found });
      }
      return issues;
    },
  };
}
