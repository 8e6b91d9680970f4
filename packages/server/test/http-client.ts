import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export interface HttpReply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  json: any;
  text: string;
}

/** One JSON call over real HTTP with a bearer token (and a namespace, when given). */
export async function httpCall(
  base: string,
  method: string,
  path: string,
  options: { token?: string; namespace?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpReply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.namespace !== undefined) headers['x-agent-memory-namespace'] = options.namespace;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

/** The official MCP SDK client over Streamable HTTP, as a host would connect with a credential. */
export async function mcpClient(base: string, token: string, namespace?: string): Promise<Client> {
  const client = new Client({ name: 'credential-test', version: '1.0.0' });
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (namespace !== undefined) headers['x-agent-memory-namespace'] = namespace;
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers } }),
  );
  return client;
}
