import type { UpstreamScope } from '../http/callLog';
import type { UpstreamHttp } from '../http/upstreamHttp';
import { materialsPath, materialsResponseSchema } from './model';
import type { MaterialsQuery, MaterialsResponse } from './model';

/** The Materials API, called with the gateway's own service token. */
export class MaterialsClient {
  constructor(
    private readonly http: UpstreamHttp,
    private readonly token: string,
  ) {}

  /** The whole list of an assignment's materials for one product (the vendor does not page). */
  getMaterials(scope: UpstreamScope, query: MaterialsQuery): Promise<MaterialsResponse> {
    return this.http.requestJson({
      method: 'GET',
      path: materialsPath(query.orderId, query.assignmentId),
      query: { productType: query.productType, visualQuality: query.visualQuality, modifiedSince: query.modifiedSince },
      headers: { authorization: `Bearer ${this.token}` },
      schema: materialsResponseSchema,
      scope,
    });
  }
}
