import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectMemoryError } from '@agent-memory/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbedder, embedderFromEnv } from './embedder-settings.js';
import { createOpenAIEmbedder, type OpenAIEmbedderOptions } from './openai-embedder.js';

interface Received {
  body: { model: string; input: string[]; encoding_format?: string; dimensions?: number };
  authorization: string | undefined;
  url: string | undefined;
}

type Reply = (req: Received, res: ServerResponse) => void;

// A small server speaking the OpenAI embeddings API: each request takes the next scripted reply
// (the last one repeats); the default reply embeds text i as a vector derived from its length.
let server: Server;
let received: Received[];
let replies: Reply[];
let baseUrl: string;

const DIM = 4;
const vectorFor = (text: string) => [text.length, 1, 0, 2];
const ok: Reply = (req, res) => {
  const data = req.body.input.map((text, index) => ({
    object: 'embedding',
    index,
    embedding: vectorFor(text),
  }));
  // shuffled on purpose: clients must order by index
  send(res, 200, { object: 'list', data: data.reverse(), model: req.body.model });
};
const status =
  (code: number, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(code, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ error: { message: `status ${code}` } }));
  };

function send(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

beforeEach(async () => {
  received = [];
  replies = [ok];
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const entry: Received = {
        body: JSON.parse(raw),
        authorization: req.headers.authorization,
        url: req.url,
      };
      const reply = replies[Math.min(received.length, replies.length - 1)]!;
      received.push(entry);
      reply(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const make = (options: Partial<OpenAIEmbedderOptions> = {}) =>
  createOpenAIEmbedder({ url: baseUrl, model: 'test-embed', dimensions: DIM, retryBaseMs: 1, ...options });

describe('OpenAI-compatible embedder', () => {
  it('posts batches to /embeddings and returns normalised vectors in input order', async () => {
    const embedder = make({ batchSize: 2, apiKey: 'sk-test-123' });
    const texts = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];
    const vectors = await embedder.embed(texts);
    expect(received.map((r) => r.body.input)).toEqual([['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
    expect(received.every((r) => r.url === '/v1/embeddings')).toBe(true);
    expect(received[0]!.body).toMatchObject({ model: 'test-embed', encoding_format: 'float' });
    expect(received[0]!.body.dimensions).toBeUndefined();
    expect(received[0]!.authorization).toBe('Bearer sk-test-123');
    expect(vectors).toHaveLength(5);
    texts.forEach((text, i) => {
      const raw = vectorFor(text);
      const norm = Math.hypot(...raw);
      expect([...vectors[i]!].map((v) => Number(v.toFixed(5)))).toEqual(
        raw.map((v) => Number((v / norm).toFixed(5))),
      );
    });
    expect(embedder).toMatchObject({ id: 'openai:test-embed:4', dimensions: DIM, semantic: true });
    expect(await embedder.embed([])).toEqual([]);
    expect(received).toHaveLength(3);
  });

  it('sends dimensions when asked, prefixes queries and documents, never sends an empty string', async () => {
    const embedder = make({
      requestDimensions: true,
      queryPrefix: 'search_query: ',
      documentPrefix: 'doc: ',
    });
    await embedder.embed(['login slow'], { purpose: 'query' });
    await embedder.embed(['a pattern']);
    await make().embed(['']);
    expect(received.map((r) => r.body.input)).toEqual([
      ['search_query: login slow'],
      ['doc: a pattern'],
      [' '],
    ]);
    expect(received[0]!.body.dimensions).toBe(DIM);
    expect(received[0]!.authorization).toBeUndefined();
  });

  it('retries 429 and 5xx answers with backoff, honouring Retry-After, then succeeds', async () => {
    replies = [status(429, { 'retry-after': '0' }), status(503), status(500), ok];
    const vectors = await make({ maxRetries: 4 }).embed(['x']);
    expect(vectors).toHaveLength(1);
    expect(received).toHaveLength(4);
    expect(new Set(received.map((r) => JSON.stringify(r.body)))).toHaveProperty('size', 1);
  });

  it('gives up after maxRetries with BACKEND_UNAVAILABLE carrying the status', async () => {
    replies = [status(503)];
    const error = await expectMemoryError(
      'always 503',
      () => make({ maxRetries: 2 }).embed(['x']),
      'BACKEND_UNAVAILABLE',
    );
    expect(received).toHaveLength(3);
    expect(error.details).toMatchObject({ status: 503, model: 'test-embed' });
  });

  it('does not retry a refused key or a bad request, and never leaks the key', async () => {
    replies = [status(401)];
    const refused = await expectMemoryError(
      '401',
      () => make({ apiKey: 'sk-secret-999' }).embed(['x']),
      'FORBIDDEN',
    );
    expect(received).toHaveLength(1);
    expect(JSON.stringify(refused.toJSON())).not.toContain('sk-secret-999');
    replies = [status(400)];
    await expectMemoryError('400', () => make().embed(['x']), 'INVALID_INPUT');
    replies = [status(404)];
    await expectMemoryError('404 (unknown model)', () => make().embed(['x']), 'NOT_FOUND');
    expect(received).toHaveLength(3);
  });

  it('refuses vectors of the wrong dimension with CORRUPT_DATA naming both sizes', async () => {
    const error = await expectMemoryError(
      'dimension 4 vs 8',
      () => make({ dimensions: 8 }).embed(['x']),
      'CORRUPT_DATA',
    );
    expect(error.details).toMatchObject({ expected: 8, actual: DIM });
    expect(received).toHaveLength(1);
  });

  it('refuses answers with the wrong number of vectors, no data, or invalid JSON', async () => {
    replies = [
      (req, res) => send(res, 200, { data: [{ index: 0, embedding: vectorFor(req.body.input[0]!) }] }),
    ];
    await expectMemoryError('one vector for two texts', () => make().embed(['a', 'b']), 'CORRUPT_DATA');
    replies = [(_req, res) => send(res, 200, { nothing: true })];
    await expectMemoryError('no data', () => make().embed(['a']), 'CORRUPT_DATA');
    replies = [
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{not json');
      },
    ];
    await expectMemoryError('invalid JSON', () => make().embed(['a']), 'CORRUPT_DATA');
  });

  it('retries timeouts and unreachable servers, then fails with BACKEND_UNAVAILABLE', async () => {
    replies = [() => {}]; // never answers
    await expectMemoryError(
      'timeout',
      () => make({ timeoutMs: 50, maxRetries: 1 }).embed(['x']),
      'BACKEND_UNAVAILABLE',
    );
    expect(received).toHaveLength(2);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expectMemoryError(
      'connection refused',
      () => make({ url: `http://127.0.0.1:${port}/v1`, maxRetries: 1 }).embed(['x']),
      'BACKEND_UNAVAILABLE',
    );
  });

  it('validates options and texts', async () => {
    for (const bad of [
      { url: 'ftp://x' },
      { url: 'not a url' },
      { dimensions: 0 },
      { model: '' },
      { batchSize: 0 },
      { extra: 1 },
    ]) {
      expect(() => make(bad as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
    await expectMemoryError('texts not an array', () => make().embed('x' as never), 'INVALID_INPUT');
    await expectMemoryError('a number among texts', () => make().embed([1 as never]), 'INVALID_INPUT');
    await expectMemoryError(
      'bad purpose',
      () => make().embed(['x'], { purpose: 'other' as never }),
      'INVALID_INPUT',
    );
    expect(received).toHaveLength(0);
  });
});

// Ollama, llama.cpp's server and text-embeddings-inference speak the same API without a key: the
// stub above stands in for them, answering with the dimension the named model has.
describe('a local embedding server, by settings', () => {
  const sized =
    (dimensions: number): Reply =>
    (req, res) =>
      send(res, 200, {
        data: req.body.input.map((text, index) => ({
          index,
          embedding: Array.from({ length: dimensions }, (_, i) => (i === 0 ? text.length : 1)),
        })),
      });

  it('knows the dimensions and prefixes of the usual models and sends no key', async () => {
    replies = [sized(768)];
    const embedder = createEmbedder({
      provider: 'local-server',
      url: baseUrl,
      model: 'nomic-embed-text:latest',
    });
    expect(embedder).toMatchObject({
      id: 'openai:nomic-embed-text:latest:768',
      dimensions: 768,
      semantic: true,
    });
    const [query] = await embedder.embed(['why is checkout slow'], { purpose: 'query' });
    await embedder.embed(['pool exhausted'], { purpose: 'document' });
    expect(query).toHaveLength(768);
    expect(received.map((r) => r.body.input[0])).toEqual([
      'search_query: why is checkout slow',
      'search_document: pool exhausted',
    ]);
    expect(received.every((r) => r.authorization === undefined && r.url === '/v1/embeddings')).toBe(true);
  });

  it('takes any model when told its dimensions, and refuses an unknown one without them', async () => {
    replies = [sized(384)];
    const tei = createEmbedder({
      provider: 'local-server',
      url: baseUrl,
      model: 'my-org/custom-embedder',
      dimensions: 384,
    });
    expect(await tei.embed(['x'])).toHaveLength(1);
    expect(received[0]!.body.input).toEqual(['x']);
    expect(() =>
      createEmbedder({ provider: 'local-server', url: baseUrl, model: 'my-org/custom-embedder' }),
    ).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('set dimensions') }),
    );
  });

  it('is what the environment gives for a URL with no key', async () => {
    replies = [sized(384)];
    const embedder = embedderFromEnv({
      AGENT_MEMORY_EMBEDDINGS_URL: baseUrl,
      AGENT_MEMORY_EMBEDDINGS_MODEL: 'BAAI/bge-small-en-v1.5',
    });
    expect(embedder.dimensions).toBe(384);
    await embedder.embed(['a'], { purpose: 'query' });
    expect(received[0]!.body.input[0]).toBe('Represent this sentence for searching relevant passages: a');
    expect(received[0]!.authorization).toBeUndefined();
    const keyed = embedderFromEnv({
      AGENT_MEMORY_EMBEDDINGS_URL: baseUrl,
      AGENT_MEMORY_EMBEDDINGS_MODEL: 'text-embedding-3-small',
      AGENT_MEMORY_EMBEDDINGS_DIMENSIONS: '4',
      OPENAI_API_KEY: 'sk-test',
    });
    replies = [ok];
    await keyed.embed(['b']);
    expect(received[1]!.authorization).toBe('Bearer sk-test');
  });
});
