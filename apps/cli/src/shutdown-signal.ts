/**
 * Calls `handler` on the first SIGINT or SIGTERM and keeps the process alive until then (a local-mode
 * server holds no socket that would). Returns the disposer. A second signal gets Node's default: exit now.
 */
export function onShutdownSignal(handler: (signal: NodeJS.Signals) => void): () => void {
  const keepAlive = setInterval(() => {}, 1 << 30);
  const dispose = () => {
    clearInterval(keepAlive);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    dispose();
    handler(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return dispose;
}
