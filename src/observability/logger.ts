import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';
import type { LogLevel } from '../config';

export type { Logger } from 'pino';

/**
 * Where a credential could sit in anything logged: request and response headers, header maps
 * handed to a log call, and token- or secret-bearing config. Serializers already leave headers
 * out; this is the second lock, so no later log call can print one by accident.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-acc-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-acc-token"]',
  'token',
  'secret',
  '*.token',
  '*.secret',
  '*.*.token',
  '*.*.secret',
];

/**
 * The process's JSON logger (pino): one line per event, level names rather than numbers and ISO
 * times, so `npm start` output stays readable without a pretty-printer. `destination` is for
 * tests, which read the lines back.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
