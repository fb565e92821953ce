import DataLoader from 'dataloader';
import type { UpstreamScope } from '../upstream/http/callLog';
import { loadEachKey } from './eachKey';
import type { LoaderOptions } from './loaderOptions';
import type { MaterialsClient } from '../upstream/materials/client';
import type { MaterialsQuery, MaterialsResponse } from '../upstream/materials/model';

/**
 * Materials per request. The vendor has no batch endpoint, so batching here means dedupe: the
 * same (order, assignment, productType, visualQuality, modifiedSince) asked any number of times
 * in one operation is one call; different ones go out in parallel.
 */
export function createMaterialsLoader(
  client: MaterialsClient,
  scope: UpstreamScope,
  onBatch: (size: number) => void,
  options: LoaderOptions = {},
): DataLoader<MaterialsQuery, MaterialsResponse, string> {
  return new DataLoader<MaterialsQuery, MaterialsResponse, string>(
    (queries) => {
      onBatch(queries.length);
      return loadEachKey(queries, (query) => client.getMaterials(scope, query));
    },
    {
      ...options,
      cacheKeyFn: ({ orderId, assignmentId, productType, visualQuality, modifiedSince }) =>
        JSON.stringify([orderId, assignmentId, productType, visualQuality ?? null, modifiedSince ?? null]),
    },
  );
}
