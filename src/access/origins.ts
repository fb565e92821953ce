import type { IncomingHttpHeaders } from 'node:http';

/** Host names a browser reaches only from this machine: a page served on them is the gateway's own. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Which browser pages may talk to the gateway: the origins in CORS_ORIGINS, and the gateway's
 * own pages (the embedded Sandbox). A page's own origin is trusted only on PUBLIC_URL's host or
 * a loopback host, so a DNS-rebinding page (`Host: evil.example` resolving to us) is not "own".
 */
export class OriginPolicy {
  private readonly allowed: ReadonlySet<string>;
  private readonly publicHost: string | undefined;

  constructor(corsOrigins: readonly string[], publicUrl: string | undefined) {
    this.allowed = new Set(corsOrigins);
    this.publicHost = publicUrl ? new URL(publicUrl).host : undefined;
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
  allowsWebSocket(headers: IncomingHttpHeaders): boolean {
    const origin = headers.origin;
    if (origin === undefined) return true;
    if (this.allowed.has(origin)) return true;
    return this.isOwnPage(origin, headers.host);
  }

  private isOwnPage(origin: string, host: string | undefined): boolean {
    let page: URL;
    try {
      page = new URL(origin);
    } catch {
      return false;
    }
    if (page.host === this.publicHost) return true;
    return page.host === host && LOOPBACK_HOSTS.has(page.hostname);
  }
}
