import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { MemoryError, PatternIdSchema, parseInput } from 'agent-memory';
import { requirePatterns } from '../patterns-access.js';
import type { ServerContext } from '../server-context.js';
import type { ConnectionState } from './connection-state.js';
import { patternMarkdown } from './pattern-markdown.js';

export const CURRENT_SESSION_URI = 'session://current';

/** Each pattern as `pattern://<id>` (Markdown), and the context of this connection's session. */
export function registerResources(server: McpServer, ctx: ServerContext, state: ConnectionState): void {
  const { memory } = ctx;

  server.registerResource(
    'pattern',
    new ResourceTemplate('pattern://{id}', {
      list: async () => {
        if (!memory.patterns) return { resources: [] };
        const patterns = await memory.patterns.list();
        return {
          resources: patterns.map((pattern) => ({
            uri: `pattern://${pattern.id}`,
            name: pattern.id,
            title: pattern.title,
            description: pattern.summary || `${pattern.kind}: ${pattern.title}`,
            mimeType: 'text/markdown',
          })),
        };
      },
    }),
    {
      title: 'Long-term pattern',
      description: 'A pattern the team recorded (bug fix, decision, convention) as Markdown.',
      mimeType: 'text/markdown',
    },
    async (uri, variables) => {
      const raw = Array.isArray(variables.id) ? variables.id[0] : variables.id;
      const id = parseInput(PatternIdSchema, raw, 'pattern id');
      const pattern = await requirePatterns(memory).get(id);
      if (!pattern) throw new MemoryError('NOT_FOUND', `pattern "${id}" does not exist`);
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: patternMarkdown(pattern) }] };
    },
  );

  server.registerResource(
    'current-session',
    CURRENT_SESSION_URI,
    {
      title: 'Current session',
      description:
        'The session started or opened last on this connection: user, project and context (JSON), ' +
        'with the time it has left.',
      mimeType: 'application/json',
    },
    async (uri) => {
      const id = state.currentSessionId;
      const [session, ttlMs] = id
        ? await Promise.all([memory.sessions.get(id), memory.sessions.ttl(id)])
        : [null, null];
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: 'application/json',
            text: JSON.stringify({ session, ttlMs }, null, 2),
          },
        ],
      };
    },
  );
}
