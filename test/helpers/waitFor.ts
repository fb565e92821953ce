import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `condition` every 20 ms until it holds; throws after `timeoutMs`. */
export async function waitForAsync(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await sleep(20);
  }
}

export function waitFor(condition: () => boolean, timeoutMs?: number): Promise<void> {
  return waitForAsync(async () => condition(), timeoutMs);
}
