import { MATERIALS_DEMO } from '../src/simulators/materials/seed';
import { present } from '../src/simulators/materials/store';
import { MATERIALS_PRODUCT_TYPES, isPhotoProduct } from '../src/upstream/materials/model';
import type { MaterialsProductType, VendorMaterial } from '../src/upstream/materials/model';
import { startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const { orderId: ORDER, assignmentId: ASSIGNMENT } = MATERIALS_DEMO;

const MATERIALS_QUERY = /* GraphQL */ `
  query($order: ID!, $assignment: ID!, $product: ProductType!, $quality: VisualQuality, $since: DateTime, $sync: String, $first: Int, $after: String) {
    order(id: $order) {
      assignment(id: $assignment) {
        materials(productType: $product, visualQuality: $quality, modifiedSince: $since, syncToken: $sync, first: $first, after: $after) {
          totalCount
          syncedAt
          syncToken
          pageInfo { hasNextPage hasPreviousPage endCursor }
          edges {
            cursor
            node {
              __typename materialId url createdAt modifiedAt
              ... on PhotoMaterial { visualQuality width height file { fileName contentType size } }
              ... on VideoMaterial { durationSeconds width height file { fileName contentType size } }
              ... on ResultLink { label }
              ... on DocumentMaterial { title pageCount file { fileName contentType size } }
            }
          }
        }
      }
    }
  }
`;

interface MaterialJson {
  __typename: string;
  materialId: string;
  url: string;
  modifiedAt: string;
  visualQuality?: string;
  file?: { fileName: string; contentType: string; size: number };
  [field: string]: unknown;
}
interface Connection {
  totalCount: number;
  syncedAt: string | null;
  syncToken: string;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: MaterialJson }>;
}

const TYPENAME = { PHOTO: 'PhotoMaterial', VIDEO: 'VideoMaterial', RESULT_URL: 'ResultLink', DOCUMENT: 'DocumentMaterial' };

/** Where each product lives in the demo data. */
const DEMO_HOME: Record<MaterialsProductType, [string, string]> = {
  GROUND_PHOTO: ['ORD-1001', 'A1'],
  DRONE_PHOTO: ['ORD-1001', 'A1'],
  RESIDENTIAL_STAGING: ['ORD-1001', 'A1'],
  VIDEO: ['ORD-1001', 'A1'],
  VIRTUAL_TOUR: ['ORD-1001', 'A1'],
  FLOOR_PLAN: ['ORD-1001', 'A1'],
  GROUND_PHOTO_PRESTIGE: ['ORD-1001', 'A2'],
  RESIDENTIAL_RENDERING: ['ORD-1001', 'A2'],
  DRONE_VIDEO: ['ORD-1001', 'A2'],
  DOCUMENTS: ['ORD-1001', 'A2'],
  COMMERCIAL_STAGING: ['ORD-1002', 'A1'],
  COMMERCIAL_RENDERING: ['ORD-1002', 'A1'],
};

describe('Assignment.materials', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  async function materials(variables: Record<string, unknown>): Promise<Connection> {
    const { body } = await stack.graphql<{ order: { assignment: { materials: Connection } } }>(MATERIALS_QUERY, {
      order: ORDER,
      assignment: ASSIGNMENT,
      first: 100,
      ...variables,
    });
    expect(body.errors).toBeUndefined();
    return body.data!.order.assignment.materials;
  }

  const vendorList = (product: MaterialsProductType, quality: 'HD' | 'WEB' = 'HD', [order, assignment]: string[] = [ORDER, ASSIGNMENT]) =>
    stack.materials.store.list(order!, assignment!, product).map((material) => present(material, quality, stack.materials.url));

  const byModification = (list: VendorMaterial[]) =>
    [...list].sort((a, b) => Date.parse(a.modifiedAt) - Date.parse(b.modifiedAt) || (a.id < b.id ? -1 : 1));

  it('covers every product the vendor sells', () => {
    expect(Object.keys(DEMO_HOME).sort()).toEqual([...MATERIALS_PRODUCT_TYPES].sort());
  });

  it.each(MATERIALS_PRODUCT_TYPES)('types the materials of %s by what they are', async (product) => {
    const [order, assignment] = DEMO_HOME[product];
    const page = await materials({ product, order, assignment });
    const expected = byModification(vendorList(product, 'HD', [order, assignment]));
    expect(expected.length).toBeGreaterThan(0);
    expect(page.totalCount).toBe(expected.length);
    expect(page.edges.map(({ node }) => node.materialId)).toEqual(expected.map((material) => material.id));
    page.edges.forEach(({ node }, index) => {
      const vendor = expected[index]!;
      expect(node.__typename).toBe(TYPENAME[vendor.type]);
      expect(node.url).toBe(vendor.url);
      expect(node.modifiedAt).toBe(new Date(vendor.modifiedAt).toISOString());
      if ('fileName' in vendor) expect(node.file).toEqual({ fileName: vendor.fileName, contentType: vendor.contentType, size: vendor.fileSize });
      if (vendor.type === 'PHOTO') expect(node.visualQuality).toBe('HD');
      if (vendor.type === 'RESULT_URL') expect(node.label).toBe(vendor.label);
      if (vendor.type === 'VIDEO') expect(node.durationSeconds).toBe(vendor.durationSeconds);
      if (vendor.type === 'DOCUMENT') expect(node.pageCount).toBe(vendor.pageCount);
    });
  });

  it('answers WEB renditions of photo products when asked', async () => {
    stack.takeMaterialsRequests();
    const hd = await materials({ product: 'GROUND_PHOTO' });
    const web = await materials({ product: 'GROUND_PHOTO', quality: 'WEB' });
    expect(web.edges.map((edge) => edge.node.materialId)).toEqual(hd.edges.map((edge) => edge.node.materialId));
    expect(web.edges.every(({ node }) => node.visualQuality === 'WEB')).toBe(true);
    expect(web.edges[0]!.node.url).not.toBe(hd.edges[0]!.node.url);
    expect(web.edges[0]!.node.file!.size).toBeLessThan(hd.edges[0]!.node.file!.size);
    expect(stack.takeMaterialsRequests().map((request) => request.query.visualQuality)).toEqual([undefined, 'WEB']);
  });

  it.each(MATERIALS_PRODUCT_TYPES.filter((product) => !isPhotoProduct(product)))(
    'refuses visualQuality with %s itself, without calling the vendor',
    async (product) => {
      stack.takeMaterialsRequests();
      const { body } = await stack.graphql(MATERIALS_QUERY, { order: ORDER, assignment: ASSIGNMENT, product, quality: 'WEB' });
      expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(body.errors![0]!.message).toContain(product);
      expect(stack.takeMaterialsRequests()).toHaveLength(0);
    },
  );

  it('pages the whole list with stable cursors: no duplicate, no gap, exact hasNextPage', async () => {
    const all = byModification(vendorList('GROUND_PHOTO')).map((material) => material.id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Connection = await materials({ product: 'GROUND_PHOTO', first: 5, after });
      pages += 1;
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.totalCount).toBe(all.length);
      seen.push(...page.edges.map((edge) => edge.node.materialId));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 5));
  });

  it('costs one vendor call for the same materials asked many times in one operation', async () => {
    stack.takeMaterialsRequests();
    const { body } = await stack.graphql(
      `query($o: ID!, $a: ID!) {
         order(id: $o) {
           one: assignment(id: $a) { materials(productType: GROUND_PHOTO, first: 3) { totalCount } }
           two: assignment(id: $a) { materials(productType: GROUND_PHOTO, first: 7) { totalCount } }
           again: assignment(id: $a) { materials(productType: GROUND_PHOTO, visualQuality: HD) { totalCount } }
           web: assignment(id: $a) { materials(productType: GROUND_PHOTO, visualQuality: WEB) { totalCount } }
           tour: assignment(id: $a) { materials(productType: VIRTUAL_TOUR) { totalCount } }
         }
       }`,
      { o: ORDER, a: ASSIGNMENT },
    );
    expect(body.errors).toBeUndefined();
    const calls = stack.takeMaterialsRequests();
    // one+two share (GROUND_PHOTO, no quality); HD, WEB and the tour are distinct vendor queries.
    expect(calls.map((call) => `${call.query.productType}/${call.query.visualQuality ?? '-'}`).sort()).toEqual([
      'GROUND_PHOTO/-',
      'GROUND_PHOTO/HD',
      'GROUND_PHOTO/WEB',
      'VIRTUAL_TOUR/-',
    ]);
  });

  it('passes modifiedSince to the vendor, who keeps what changed at or after it', async () => {
    const list = byModification(vendorList('DRONE_PHOTO'));
    const pivot = list[4]!.modifiedAt;
    const page = await materials({ product: 'DRONE_PHOTO', since: pivot });
    expect(page.edges.map((edge) => edge.node.materialId)).toEqual(
      list.filter((material) => Date.parse(material.modifiedAt) >= Date.parse(pivot)).map((material) => material.id),
    );
  });

  it('syncs incrementally: each change exactly once, none missed, even at the boundary instant', async () => {
    const product = 'RESIDENTIAL_STAGING';
    const first = await materials({ product });
    expect(first.totalCount).toBe(vendorList(product).length);
    expect(first.syncedAt).toBe(new Date(byModification(vendorList(product)).at(-1)!.modifiedAt).toISOString());

    // Nothing changed: nothing comes back, and the token still points at the same place.
    const idle = await materials({ product, sync: first.syncToken });
    expect(idle.totalCount).toBe(0);

    // Two re-deliveries, and a new material stamped with the very instant the last sync ended on.
    const [a, b] = vendorList(product);
    const now = new Date(Date.now() + 60_000);
    stack.materials.store.touch(ORDER, ASSIGNMENT, product, a!.id, now);
    stack.materials.store.touch(ORDER, ASSIGNMENT, product, b!.id, now);
    const template = stack.materials.store.list(ORDER, ASSIGNMENT, product)[2]!;
    stack.materials.store.add(ORDER, ASSIGNMENT, product, { ...template, id: 'late-arrival', modifiedAt: first.syncedAt! });

    const second = await materials({ product, sync: idle.syncToken });
    expect(second.edges.map((edge) => edge.node.materialId)).toEqual(['late-arrival', ...[a!.id, b!.id].sort()]);
    expect(second.syncedAt).toBe(now.toISOString());

    // Another arrival at the instant the second sync ended on: only it comes back, and the
    // materials already seen at that instant stay seen on the sync after.
    stack.materials.store.add(ORDER, ASSIGNMENT, product, { ...template, id: 'later-arrival', modifiedAt: now.toISOString() });
    const third = await materials({ product, sync: second.syncToken });
    expect(third.edges.map((edge) => edge.node.materialId)).toEqual(['later-arrival']);
    const fourth = await materials({ product, sync: third.syncToken });
    expect(fourth.edges).toHaveLength(0);
  });

  it.each([
    [{ since: '2025-01-01T00:00:00Z', sync: 'x' }, 'not both'],
    [{ sync: 'garbage!' }, 'sync token'],
    [{ first: 101 }, 'first'],
  ])('refuses %o with BAD_USER_INPUT', async (variables, mentions) => {
    const { body } = await stack.graphql(MATERIALS_QUERY, { order: ORDER, assignment: ASSIGNMENT, product: 'GROUND_PHOTO', ...variables });
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toContain(mentions);
  });

  it('refuses a sync token of another product or quality', async () => {
    const photos = await materials({ product: 'GROUND_PHOTO' });
    for (const variables of [{ product: 'DRONE_PHOTO' }, { product: 'GROUND_PHOTO', quality: 'WEB' }]) {
      const { body } = await stack.graphql(MATERIALS_QUERY, { order: ORDER, assignment: ASSIGNMENT, sync: photos.syncToken, ...variables });
      expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    }
  });

  it('answers NOT_FOUND for an unknown order, on that field only', async () => {
    const { body } = await stack.graphql<{ order: unknown; known: { assignment: { materials: { totalCount: number } } } }>(
      `query {
         order(id: "ORD-0000") { assignment(id: "A1") { materials(productType: VIDEO) { totalCount } } }
         known: order(id: "${ORDER}") { assignment(id: "${ASSIGNMENT}") { materials(productType: VIDEO) { totalCount } } }
       }`,
    );
    expect(body.data!.order).toEqual({ assignment: null });
    expect(body.data!.known.assignment.materials.totalCount).toBeGreaterThan(0);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', upstream: 'materials', upstreamStatus: 404 });
  });

  it('gives orders and assignments global IDs that node(id) resolves', async () => {
    const { body } = await stack.graphql<{ order: { id: string; assignment: { id: string; order: { orderId: string } } } }>(
      `query($o: ID!, $a: ID!) { order(id: $o) { id assignment(id: $a) { id order { orderId } } } }`,
      { o: ORDER, a: ASSIGNMENT },
    );
    const { order } = body.data!;
    expect(order.assignment.order.orderId).toBe(ORDER);
    const nodes = await stack.graphql<{ nodes: Array<Record<string, string>> }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Order { orderId } ... on Assignment { assignmentId } } }`,
      { ids: [order.id, order.assignment.id] },
    );
    expect(nodes.body.data!.nodes).toEqual([
      { __typename: 'Order', orderId: ORDER },
      { __typename: 'Assignment', assignmentId: ASSIGNMENT },
    ]);
  });
});
