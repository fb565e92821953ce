import { badUserInput } from '../../errors';

/**
 * Global IDs and cursors are base64url-encoded JSON: opaque to clients, cheap to decode, and
 * safe in URLs. Anything that fails to decode is the client's mistake, never a crash.
 */
export function encodeOpaque(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeOpaque(encoded: string, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw badUserInput(`"${encoded.slice(0, 64)}" is not a valid ${what}.`);
  }
}
