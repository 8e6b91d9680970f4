import type {
  Pattern,
  PatternFilter,
  PatternHit,
  PatternInput,
  PatternSearchOptions,
  PatternVersion,
  PatternWriteMeta,
} from '../schemas/pattern.js';

/** Long-term knowledge (git-patterns implements it over a git repository). */
export interface PatternStore {
  /** Creates or updates a pattern (id generated when omitted); one commit. */
  save(input: PatternInput, meta?: PatternWriteMeta): Promise<Pattern>;
  /** Saves several patterns in one commit. */
  saveMany(inputs: PatternInput[], meta?: PatternWriteMeta): Promise<Pattern[]>;
  get(id: string): Promise<Pattern | null>;
  list(filter?: PatternFilter): Promise<Pattern[]>;
  search(query: string, options?: PatternSearchOptions): Promise<PatternHit[]>;
  /** Every committed version of the pattern, newest first. */
  history(id: string): Promise<PatternVersion[]>;
  /** Deletes the pattern (one commit); false when there was none. */
  remove(id: string, meta?: PatternWriteMeta): Promise<boolean>;
}
