import { regexRule } from '../secret-rule.js';

/** GitLab personal, deploy, runner, trigger, feed and CI job tokens. */
export const gitlabToken = regexRule(
  'gitlab-token',
  'secret',
  /\b(?:glpat|gldt|glrt|glptt|glft|glsoat|glcbt|glimt|glagent)-[A-Za-z0-9_-]{20,}/,
);
