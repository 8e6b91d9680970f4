import type { ErrorCode, MemoryError } from 'agent-memory';
import { scrubCredentials } from '../credential-scrub.js';

/** HTTP status for each MemoryError code. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LEASE_LOST: 409,
  TOO_LARGE: 413,
  CORRUPT_DATA: 500,
  INTERNAL: 500,
  BACKEND_UNAVAILABLE: 503,
  CLOSED: 503,
};

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    field?: string;
    /** Why a credential was refused (401) or a write was held back (429). */
    reason?: string;
    issues?: { path: string[]; message: string }[];
  };
}

/** The body sent for a MemoryError; messages are scrubbed of credentials and the server's token. */
export function errorBody(error: MemoryError, secrets: readonly string[], field?: string): ErrorBody {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String),
    message: scrubCredentials(issue.message, secrets),
  }));
  const detailField = typeof error.details.field === 'string' ? error.details.field : undefined;
  const named = field ?? detailField;
  const reason = typeof error.details.reason === 'string' ? error.details.reason : undefined;
  return {
    error: {
      code: error.code,
      message: scrubCredentials(error.message, secrets),
      ...(named ? { field: named } : {}),
      ...(reason ? { reason } : {}),
      ...(issues.length ? { issues } : {}),
    },
  };
}
