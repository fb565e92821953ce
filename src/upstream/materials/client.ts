import type { UpstreamScope } from '../http/callLog';
import { ServiceTokenClient } from '../http/serviceTokenClient';
import { materialsPath, materialsResponseSchema } from './model';
import type { MaterialsQuery, MaterialsResponse } from './model';

/** The Materials API, called with the gateway's own service token. */
export class MaterialsClient extends ServiceTokenClient {
  /** The whole list of an assignment's materials for one product (the vendor does not page). */
  getMaterials(scope: UpstreamScope, query: MaterialsQuery): Promise<MaterialsResponse> {
    return this.http.requestJson({
      method: 'GET',
      ...materialsPath(query.orderId, query.assignmentId),
      query: { productType: query.productType, visualQuality: query.visualQuality, modifiedSince: query.modifiedSince },
      headers: this.authorization(),
      schema: materialsResponseSchema,
      scope,
    });
  }
}
