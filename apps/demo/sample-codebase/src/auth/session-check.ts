export interface SessionRecord {
  userId: string;
  csrfToken: string;
  expiresAt: number;
}

export function isValidSession(session: SessionRecord, requestToken: unknown, now: number): boolean {
  if (session.expiresAt < now) return false;
  // TODO: rotate the CSRF token after every login
  return session.csrfToken == requestToken;
}
