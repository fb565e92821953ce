import type { UpstreamHttp } from './upstreamHttp';

/** A vendor client that calls with the gateway's own bearer token (from configuration). */
export abstract class ServiceTokenClient {
  constructor(
    protected readonly http: UpstreamHttp,
    protected readonly token: string,
  ) {}

  protected authorization(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }
}
