import { regexRule } from '../secret-rule.js';

/** Classic (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and fine-grained (`github_pat_`) GitHub tokens. */
export const githubToken = regexRule('github-token', 'secret', [
  /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/,
  /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/,
]);
