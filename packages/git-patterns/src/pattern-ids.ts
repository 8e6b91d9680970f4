import { monotonicFactory } from 'ulid';

export type IdStyle = 'ulid' | 'slug';

const SLUG_MAX = 40;

/**
 * New pattern ids: a lowercased ULID (time-sortable, random enough that two machines never pick
 * the same file name), optionally behind a slug of the title for readable file names.
 * Monotonic within a process so ids made in the same millisecond still sort in creation order.
 */
export function createIdGenerator(style: IdStyle, now: () => Date): (title: string) => string {
  const next = monotonicFactory();
  return (title) => {
    const ulid = next(now().getTime()).toLowerCase();
    if (style === 'ulid') return ulid;
    const slug = slugify(title);
    return slug ? `${slug}-${ulid}` : ulid;
  };
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_MAX)
    .replace(/^-+|-+$/g, '');
}
