import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

export interface LinkOriginOptions {
  /** PUBLIC_URL: when set, every link is minted on it. */
  publicUrl?: string;
  /** ALLOWED_HOSTS: host names a request's Host header may name (any port). */
  allowedHosts: string[];
  /** Development and tests: a Host naming this machine (localhost, 127.x, ::1) is trusted too. */
  trustLoopbackHosts: boolean;
}

const LOOPBACK_HOST = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * The origin the gateway mints its own links on (asset content URLs). The Host header is the
 * client's to write, so a link follows it only when it names a host the operator trusts:
 * PUBLIC_URL first; else the Host when ALLOWED_HOSTS lists it (or, outside production, when it
 * is a loopback host); else the address the connection actually reached, which no header can
 * change.
 */
export class LinkOrigin {
  private readonly allowedHosts: Set<string>;

  constructor(private readonly options: LinkOriginOptions) {
    this.allowedHosts = new Set(options.allowedHosts);
  }

  of(request: IncomingMessage): string {
    if (this.options.publicUrl) return this.options.publicUrl;
    const protocol = (request.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
    const host = this.trustedHost(protocol, request.headers.host);
    return host ? `${protocol}://${host}` : `${protocol}://${localAddress(request)}`;
  }

  /** The Host header as a normalised `host[:port]`, when it is well formed and trusted. */
  private trustedHost(protocol: string, header: string | undefined): string | undefined {
    // Userinfo, a path or a query smuggled into the header is not a host.
    if (!header || /[/?#@\\\s]/.test(header)) return undefined;
    let url: URL;
    try {
      url = new URL(`${protocol}://${header}`);
    } catch {
      return undefined;
    }
    const trusted = this.allowedHosts.has(url.hostname) || (this.options.trustLoopbackHosts && LOOPBACK_HOST.test(url.hostname));
    return trusted ? url.host : undefined;
  }
}

/** The local end of the client's connection: the interface and port it reached. */
function localAddress(request: IncomingMessage): string {
  const { localAddress: address = '127.0.0.1', localPort } = request.socket;
  const ip = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return `${ip.includes(':') ? `[${ip}]` : ip}:${localPort}`;
}
