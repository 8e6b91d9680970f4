import { isPlaceholder } from '../secret-rule.js';

/**
 * Regexes for `<name ending in keyword> = <literal>` in the shapes secrets are usually written:
 * quoted literals in code and JSON, `KEY=value` in env files, `key: value` in YAML. Only literals
 * are matched: `password = getPassword()` or `token: process.env.TOKEN` name a secret, not hold one.
 */
export function assignmentRegexes(keywords: string): RegExp[] {
  return [
    new RegExp(
      `[A-Za-z0-9_.-]*(?:${keywords})["']?\\s*(?::=|=>|:|=)\\s*(?<q>["'\`])(?<secret>[^"'\`\\s]{4,})\\k<q>`,
      'i',
    ),
    new RegExp(
      `^[ \\t]*(?:export[ \\t]+)?[A-Z0-9_]*(?:${keywords.toUpperCase()})=(?<secret>[^\\s"'$#][^\\s"'#]{3,})`,
      'm',
    ),
    new RegExp(
      `^[ \\t]*[A-Za-z0-9_.-]*(?:${keywords}):[ \\t]+(?<secret>[^\\s"'#{}()<>;,$&*!|][^\\s#]*)[ \\t]*$`,
      'im',
    ),
  ];
}

/** Literal, not a placeholder, and shaped like a credential (a digit somewhere; no code punctuation). */
export function looksLikeCredential(value: string, minLength: number): boolean {
  return (
    value.length >= minLength &&
    !isPlaceholder(value) &&
    /\d/.test(value) &&
    /[A-Za-z]/.test(value) &&
    !/[(){};,<>]/.test(value)
  );
}
