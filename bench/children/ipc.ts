/** What the benchmark's child processes share: they report over IPC and die with the parent. */
export function reportReady(message: Record<string, unknown>): void {
  process.send!({ type: 'ready', ...message });
  // The benchmark owns every child: when it goes, whatever the reason, they go too.
  process.once('disconnect', () => process.exit(0));
}
