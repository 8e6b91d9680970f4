export interface HealthStatus {
  ok: boolean;
  uptimeSeconds: number;
}

export function healthCheck(startedAt: number, now: number): HealthStatus {
  const uptimeSeconds = Math.floor((now - startedAt) / 1000);
  return { ok: uptimeSeconds >= 0, uptimeSeconds };
}
