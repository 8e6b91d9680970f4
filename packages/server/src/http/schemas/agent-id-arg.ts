import { IdSchema } from 'agent-memory';

/** The acting agent in a request body: optional with a token bound to an agent, and then that agent. */
export const AgentIdArg = IdSchema.optional().describe(
  "The acting agent. Optional with an issued token or JWT (the credential's agent; another id is FORBIDDEN); required with the admin token.",
);
