/** What the benchmark's child processes share: they report over IPC and die with the parent. */
export function reportReady(message: Record<string, unknown>, cleanUp: () => Promise<void> = async () => undefined): void {
  process.send!({ type: 'ready', ...message });
  // The benchmark owns every child: when it goes or stops it, whatever the reason, the child
  // cleans up (the asset store's temporary files) and goes too.
  let exiting = false;
  const exit = () => {
    if (exiting) return;
    exiting = true;
    void cleanUp().finally(() => process.exit(0));
  };
  process.once('disconnect', exit);
  process.once('SIGTERM', exit);
}
