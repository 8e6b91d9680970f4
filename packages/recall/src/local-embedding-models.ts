/** What recall needs to know about an embedding model a local server runs. */
export interface LocalEmbeddingModel {
  dimensions: number;
  /** Prefixes the model was trained with (retrieval models distinguish queries from documents). */
  queryPrefix?: string;
  documentPrefix?: string;
}

const BGE_QUERY = 'Represent this sentence for searching relevant passages: ';
const NOMIC = { queryPrefix: 'search_query: ', documentPrefix: 'search_document: ' };
const E5 = { queryPrefix: 'query: ', documentPrefix: 'passage: ' };

/**
 * Embedding models people run on their own machine, by the name their server knows them by:
 * Ollama's library names (`ollama pull nomic-embed-text`; a `:latest` tag is ignored), and the
 * Hugging Face ids that text-embeddings-inference (`--model-id`) and llama.cpp's server report.
 * A model listed here needs no `dimensions` in the settings.
 */
export const LOCAL_EMBEDDING_MODELS: Readonly<Record<string, LocalEmbeddingModel>> = {
  // Ollama
  'nomic-embed-text': { dimensions: 768, ...NOMIC },
  'mxbai-embed-large': { dimensions: 1024, queryPrefix: BGE_QUERY },
  'all-minilm': { dimensions: 384 },
  'bge-m3': { dimensions: 1024 },
  'granite-embedding': { dimensions: 384 },
  // text-embeddings-inference / llama.cpp (Hugging Face ids)
  'nomic-ai/nomic-embed-text-v1.5': { dimensions: 768, ...NOMIC },
  'BAAI/bge-small-en-v1.5': { dimensions: 384, queryPrefix: BGE_QUERY },
  'BAAI/bge-base-en-v1.5': { dimensions: 768, queryPrefix: BGE_QUERY },
  'BAAI/bge-large-en-v1.5': { dimensions: 1024, queryPrefix: BGE_QUERY },
  'BAAI/bge-m3': { dimensions: 1024 },
  'sentence-transformers/all-MiniLM-L6-v2': { dimensions: 384 },
  'intfloat/e5-small-v2': { dimensions: 384, ...E5 },
  'intfloat/e5-base-v2': { dimensions: 768, ...E5 },
  'intfloat/multilingual-e5-small': { dimensions: 384, ...E5 },
  'mixedbread-ai/mxbai-embed-large-v1': { dimensions: 1024, queryPrefix: BGE_QUERY },
};

/** The known model of that name (an Ollama `:latest` tag ignored), or undefined. */
export function localEmbeddingModel(name: string): LocalEmbeddingModel | undefined {
  return LOCAL_EMBEDDING_MODELS[name] ?? LOCAL_EMBEDDING_MODELS[name.replace(/:latest$/, '')];
}
