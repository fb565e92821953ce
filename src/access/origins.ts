import type { IncomingMessage } from 'node:http';
import type { LinkOrigin } from './linkOrigin';

/**
 * Which browser pages may talk to the gateway: the origins in CORS_ORIGINS, and the gateway's
 * own pages (the embedded Sandbox). A page is the gateway's own when its origin is the one the
 * gateway mints its own links on for that request (LinkOrigin: PUBLIC_URL, a trusted Host, or the
 * address the connection reached), so a DNS-rebinding page (`Host: evil.example` resolving to
 * us) is not "own".
 */
export class OriginPolicy {
  private readonly allowed: ReadonlySet<string>;

  constructor(
    corsOrigins: readonly string[],
    private readonly linkOrigin: LinkOrigin,
  ) {
    this.allowed = new Set(corsOrigins);
  }

  /** For the CORS middleware: cross-origin pages whose reads the browser may allow. */
  get corsOrigins(): string[] {
    return [...this.allowed];
  }

  /**
   * A WebSocket upgrade: browsers always send Origin and cannot forge it, and WebSockets are not
   * covered by CORS, so this check is what stops a foreign page from using a visitor's network
   * position (cross-site WebSocket hijacking). No Origin at all is a program, not a browser.
   */
  allowsWebSocket(request: IncomingMessage): boolean {
    const { origin } = request.headers;
    if (origin === undefined) return true;
    if (this.allowed.has(origin)) return true;
    return originOf(origin) === originOf(this.linkOrigin.of(request));
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
