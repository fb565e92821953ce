import { InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import introspection from './generated/possibleTypes.json';

/**
 * A cache that knows mediagraph's schema: which types implement `Node` and `Material` and make
 * up `PhotoLookup` (so fragments on them match), and how its Relay connections page.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes: introspection.possibleTypes,
    typePolicies: {
      // Pages of one list are merged into one edge list, kept apart per filter (the key args).
      Query: { fields: { downloadOrders: relayStylePagination() } },
      Project: { fields: { photos: relayStylePagination(['filter', 'sort']) } },
      Assignment: {
        fields: { materials: relayStylePagination(['productType', 'visualQuality', 'modifiedSince', 'syncToken']) },
      },
      DownloadOrder: { fields: { targets: relayStylePagination() } },
      // Materials have no global id, and a photo material's url and file depend on the
      // visualQuality asked for: each stays inside the connection it came in, never merged by
      // materialId across qualities.
      PhotoMaterial: { keyFields: false },
      VideoMaterial: { keyFields: false },
      ResultLink: { keyFields: false },
      DocumentMaterial: { keyFields: false },
    },
  });
}
