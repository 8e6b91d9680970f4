import type { Pattern } from 'agent-memory';

/** A pattern as a model reads it best: title, the facts that scope it, summary, then the body. */
export function patternMarkdown(pattern: Pattern): string {
  const facts = [
    `- id: ${pattern.id}`,
    `- kind: ${pattern.kind}`,
    `- confidence: ${pattern.confidence}`,
    `- author: ${pattern.author}`,
    `- updated: ${pattern.updated}`,
    ...(pattern.tags.length ? [`- tags: ${pattern.tags.join(', ')}`] : []),
    ...(pattern.files.length ? [`- files: ${pattern.files.join(', ')}`] : []),
    ...(pattern.supersedes.length ? [`- supersedes: ${pattern.supersedes.join(', ')}`] : []),
    ...(pattern.links.length ? [`- links: ${pattern.links.join(' ')}`] : []),
  ];
  return [`# ${pattern.title}`, facts.join('\n'), pattern.summary, pattern.body]
    .filter((part) => part.trim() !== '')
    .join('\n\n')
    .concat('\n');
}
