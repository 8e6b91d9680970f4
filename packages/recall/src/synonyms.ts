import { stem } from './stemmer.js';

/**
 * Words a software team uses for one concept. The local embedder adds a shared "concept" feature
 * for every word of a group, so "sign-in is sluggish" and "login latency" overlap although they
 * share no word. A general vocabulary of software work, not a model: it knows nothing past it.
 * Two-word entries match adjacent words ("sign in"). A word belongs to its first group.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['authentication', 'authenticate', 'auth', 'login', 'logon', 'signin', 'sign in', 'log in', 'sso', 'oauth'],
  ['password', 'passphrase', 'passcode', 'pwd'],
  ['authorization', 'authorize', 'permission', 'privilege', 'acl', 'rbac', 'entitlement', 'forbidden'],
  [
    'performance',
    'perf',
    'slow',
    'slowness',
    'latency',
    'sluggish',
    'lag',
    'laggy',
    'speed',
    'fast',
    'faster',
    'throughput',
    'bottleneck',
  ],
  ['crash', 'panic', 'segfault', 'abort', 'fatal', 'coredump'],
  ['error', 'exception', 'failure', 'fail', 'fault', 'stacktrace', 'traceback'],
  ['bug', 'defect', 'glitch', 'regression', 'broken'],
  ['database', 'db', 'postgres', 'postgresql', 'mysql', 'sql', 'sqlite', 'mariadb', 'rdbms'],
  ['cache', 'memoize', 'memoization', 'lru', 'ttl'],
  ['delete', 'remove', 'drop', 'erase', 'purge', 'destroy', 'wipe'],
  ['create', 'insert', 'add'],
  ['update', 'modify', 'change', 'edit', 'alter'],
  ['configuration', 'config', 'settings', 'setting', 'options', 'preferences', 'configure'],
  ['deploy', 'deployment', 'release', 'rollout', 'ship', 'publish', 'rollback'],
  ['test', 'spec', 'testcase', 'assertion', 'unittest'],
  ['flaky', 'flakey', 'intermittent', 'nondeterministic', 'sporadic', 'unstable', 'random'],
  ['timeout', 'hang', 'hung', 'stall', 'stuck', 'freeze', 'frozen', 'unresponsive', 'deadline'],
  ['memory', 'ram', 'heap', 'oom'],
  ['leak', 'leaking', 'leaky'],
  ['secret', 'credential', 'apikey', 'api key', 'private key'],
  ['encryption', 'encrypt', 'decrypt', 'cipher', 'crypto', 'tls', 'ssl', 'https', 'certificate'],
  ['hashing', 'bcrypt', 'argon2', 'scrypt', 'salt', 'pbkdf2'],
  ['injection', 'sqli', 'xss', 'csrf', 'sanitize', 'sanitise', 'escape', 'escaping'],
  ['queue', 'broker', 'rabbitmq', 'kafka', 'sqs', 'backlog', 'worker'],
  ['retry', 'backoff', 'reattempt', 'retries'],
  ['ratelimit', 'rate limit', 'throttle', 'throttling', 'quota'],
  ['log', 'logging', 'logger', 'logs'],
  ['observability', 'tracing', 'trace', 'telemetry', 'metrics', 'monitoring', 'dashboard'],
  ['alert', 'alerting', 'pager', 'pagerduty', 'oncall', 'on call', 'incident', 'outage'],
  ['dependency', 'package', 'library', 'npm', 'pnpm', 'lockfile'],
  ['upgrade', 'bump', 'outdated'],
  ['migration', 'migrate', 'schema'],
  ['refactor', 'cleanup', 'restructure', 'rewrite', 'simplify'],
  ['documentation', 'docs', 'readme', 'doc', 'comment'],
  ['lint', 'linter', 'format', 'formatting', 'prettier', 'eslint', 'biome', 'style'],
  ['naming', 'name', 'rename', 'camelcase', 'snakecase'],
  ['api', 'endpoint', 'route', 'handler', 'rest', 'graphql'],
  ['user', 'customer', 'account', 'profile'],
  ['email', 'mail', 'smtp', 'newsletter', 'inbox'],
  ['payment', 'billing', 'invoice', 'checkout', 'charge', 'stripe', 'refund', 'subscription'],
  ['search', 'lookup', 'find', 'fulltext', 'recall'],
  ['upload', 'attachment', 'multipart'],
  ['image', 'picture', 'photo', 'thumbnail', 'avatar'],
  ['timezone', 'utc', 'timestamp', 'clock', 'dst', 'daylight'],
  ['concurrency', 'race', 'concurrent', 'parallel', 'mutex', 'lock', 'deadlock', 'thread', 'atomic'],
  ['duplicate', 'dedupe', 'dedup', 'idempotent', 'idempotency', 'twice', 'double'],
  ['session', 'cookie', 'jwt'],
  ['container', 'docker', 'kubernetes', 'k8s', 'pod', 'helm'],
  ['server', 'host', 'instance', 'vm'],
  ['network', 'connectivity', 'socket', 'tcp', 'dns', 'firewall', 'proxy'],
  ['connection', 'connect', 'reconnect', 'disconnect', 'pool'],
  ['validation', 'validate', 'validator', 'zod', 'invalid'],
  ['null', 'undefined', 'nil', 'missing', 'empty', 'nullable'],
  ['large', 'big', 'huge', 'oversize', 'oversized', 'size', 'limit'],
  ['startup', 'boot', 'bootstrap', 'init', 'initialize', 'cold start'],
  ['shutdown', 'terminate', 'sigterm', 'graceful', 'exit'],
  ['frontend', 'ui', 'browser', 'css', 'html', 'react', 'component'],
  ['mobile', 'ios', 'android', 'phone'],
  ['build', 'compile', 'compiler', 'bundle', 'bundler', 'webpack', 'vite', 'tsc'],
  ['ci', 'pipeline', 'workflow', 'github actions', 'jenkins'],
  ['git', 'branch', 'merge', 'rebase', 'commit'],
  ['review', 'approve', 'approval', 'reviewer'],
  ['decision', 'decide', 'choose', 'choice', 'chose', 'adopt', 'pick', 'picked', 'prefer'],
  ['cost', 'expensive', 'cheap', 'price', 'budget', 'spend'],
  ['storage', 'disk', 'volume', 's3', 'bucket', 'blob'],
  ['backup', 'restore', 'snapshot', 'recovery'],
  ['index', 'indexes', 'indices', 'indexing'],
  ['pagination', 'paginate', 'paging', 'cursor', 'offset'],
  ['serialization', 'serialize', 'deserialize', 'json', 'yaml', 'parse', 'parser', 'marshal'],
  ['encoding', 'utf8', 'unicode', 'charset', 'emoji'],
  ['security', 'vulnerability', 'vulnerable', 'exploit', 'attack', 'cve', 'attacker'],
  ['flag', 'toggle', 'killswitch', 'feature flag'],
  ['legacy', 'deprecated', 'obsolete', 'old'],
  ['debt', 'hack', 'workaround', 'kludge', 'todo', 'shortcut'],
  ['realtime', 'websocket', 'sse', 'push', 'live'],
  ['event', 'pubsub', 'subscribe', 'listener', 'publish'],
  ['cron', 'schedule', 'scheduler', 'scheduled', 'periodic', 'nightly'],
  ['fix', 'repair', 'resolve', 'solve', 'patch', 'hotfix'],
  ['typescript', 'ts', 'types', 'typing', 'typecheck'],
  ['redis', 'valkey', 'keydb'],
  ['webhook', 'callback'],
  ['download', 'export'],
  ['import', 'ingest'],
  ['notification', 'notify', 'reminder'],
];

export interface SynonymTable {
  /** Concept of a single stemmed word. */
  readonly words: ReadonlyMap<string, string>;
  /** Concept of two adjacent stemmed words, keyed "first second". */
  readonly pairs: ReadonlyMap<string, string>;
}

export function buildSynonymTable(groups: readonly (readonly string[])[] = SYNONYM_GROUPS): SynonymTable {
  const words = new Map<string, string>();
  const pairs = new Map<string, string>();
  for (const group of groups) {
    const concept = group[0]!;
    for (const entry of group) {
      const parts = entry.split(' ').map(stem);
      const target = parts.length === 1 ? words : pairs;
      const key = parts.join(' ');
      if (!target.has(key)) target.set(key, concept);
    }
  }
  return { words, pairs };
}
