import { GatewayError } from '../../errors';
import type { UpstreamScope } from '../http/callLog';
import type { UpstreamHttp } from '../http/upstreamHttp';
import { accFilterResponseSchema, accPaths, accPhotoSchema } from './model';
import type { AccFilterRequest, AccFilterResponse, AccPhoto } from './model';

/**
 * The ACC Photos API. Every call runs in the user's context: ACC has no service token for
 * photos, so the bearer token is the one the client forwarded to the gateway.
 */
export class AccPhotosClient {
  constructor(private readonly http: UpstreamHttp) {}

  /** GET one media with signed URLs; 404 and 410 come back as NOT_FOUND and GONE errors. */
  getPhoto(scope: UpstreamScope, token: string, projectId: string, photoId: string): Promise<AccPhoto> {
    return this.http.requestJson({
      method: 'GET',
      ...accPaths.photo(projectId, photoId),
      query: { include: 'signedUrls' },
      headers: { authorization: `Bearer ${token}` },
      schema: accPhotoSchema,
      scope,
    });
  }

  /** POST photos:filter. The next page is fetched by sending back only `cursorState` (see nextCursorState). */
  async filterPhotos(
    scope: UpstreamScope,
    token: string,
    projectId: string,
    request: AccFilterRequest,
  ): Promise<AccFilterResponse> {
    const response = await this.http.requestJson({
      method: 'POST',
      ...accPaths.filter(projectId),
      headers: { authorization: `Bearer ${token}` },
      body: { json: request },
      schema: accFilterResponseSchema,
      scope,
    });
    // We continue with our own URL and the cursorState only, but a next-page link that leaves
    // the configured origin means the answer is not what the vendor documents: refuse it.
    const nextUrl = response.pagination?.nextPost?.url;
    if (nextUrl != null && !this.http.isOwnUrl(nextUrl)) {
      throw new GatewayError('UPSTREAM_BAD_RESPONSE', 'The acc API sent a next-page link to another origin.', {
        upstream: 'acc',
      });
    }
    return response;
  }
}
