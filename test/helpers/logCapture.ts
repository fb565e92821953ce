import { createLogger } from '../../src/observability/logger';
import type { Logger } from '../../src/observability/logger';
import type { LogLevel } from '../../src/config';

export interface LogLine {
  level: string;
  msg: string;
  reqId?: string;
  [field: string]: unknown;
}

/** The gateway's own JSON logger, writing into memory: what a test reads back. */
export function captureLogs(level: LogLevel = 'debug'): { logger: Logger; raw: string[]; lines(): LogLine[] } {
  const raw: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void raw.push(line) });
  return { logger, raw, lines: () => raw.map((line) => JSON.parse(line) as LogLine) };
}
