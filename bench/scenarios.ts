/**
 * The benchmark's scenarios: each is one GraphQL operation for the gateway and the same vendor
 * calls made the shortest way (the floor): straight undici calls, as parallel as the vendor APIs
 * allow, no GraphQL. Both sides of a scenario ask for the same data.
 */
import { Pool } from 'undici';
import { accPaths } from '../src/upstream/acc/model';
import { contentHubPaths } from '../src/upstream/contentHub/model';
import { materialsPath } from '../src/upstream/materials/model';
import { toGlobalId } from '../src/graphql/relay/globalId';
import { DEMO } from '../src/simulators/acc/seed';
import { MATERIALS_DEMO } from '../src/simulators/materials/seed';

/** Where the vendor simulators listen, and what a gateway or the floor needs to call them. */
export interface VendorUrls {
  acc: string;
  materials: string;
  assets: string;
  contentHub: string;
}

/** What the scenarios are run with, read once from the seeded simulators before measuring. */
export interface Fixtures {
  /** 100 live photo ids of the first demo project, in its default order. */
  photoIds: string[];
  /** The start offsets of the download-orders walk, 50 a page. */
  orderPageOffsets: number[];
  /** The `after` cursors of those pages, as the gateway hands them out (null for the first). */
  orderPageCursors: Array<string | null>;
}

export interface GraphQLRequestBody {
  query: string;
  variables?: Record<string, unknown>;
}

export interface Scenario {
  id: string;
  title: string;
  /** Per request (per page of a walk): the fewest vendor calls that get its data, in how many sequential rounds. */
  floor: { calls: number; rounds: number };
  /** One request per step; a walk has several, run in order and cycled. */
  operations(fixtures: Fixtures): GraphQLRequestBody[];
  /** The floor: step `step` of the same walk, by direct vendor calls. */
  direct(vendors: DirectVendors, fixtures: Fixtures, step: number): Promise<unknown>;
}

export const PROJECT_ID = DEMO.projectIds[0];
export const ORDER_PAGE_SIZE = 50;
/** Download orders the Content Hub simulator is seeded with for the walk (scenario 5). */
export const BENCH_ORDER_COUNT = 200;
/** Content Hub's own page size (the simulator's default, as on a real server). */
const CONTENT_HUB_PAGE_SIZE = 10;
const ACC_PAGE = 50;
const DASHBOARD_PINNED = 50;
const DASHBOARD_ORDERS = ['1001', '1002', '1003'];
const MATERIAL_PRODUCTS = ['GROUND_PHOTO', 'VIDEO', 'FLOOR_PLAN'] as const;

const PHOTO_FIELDS = 'id title mediaType createdAt signedUrls { fileUrl expiresAt }';
const MATERIAL_FIELDS = 'totalCount nodes { __typename materialId url modifiedAt }';

/** The vendor APIs with their credentials, called directly: one keep-alive pool per vendor. */
export class DirectVendors {
  private readonly pools: Record<keyof VendorUrls, Pool>;

  constructor(
    urls: VendorUrls,
    private readonly tokens: { acc: string; materials: string; contentHub: string },
    connections: number,
  ) {
    const pool = (url: string) => new Pool(url, { connections, keepAliveTimeout: 30_000 });
    this.pools = { acc: pool(urls.acc), materials: pool(urls.materials), assets: pool(urls.assets), contentHub: pool(urls.contentHub) };
  }

  async json(vendor: 'acc' | 'materials' | 'contentHub', method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const response = await this.pools[vendor].request({
      method,
      path,
      headers: { authorization: `Bearer ${this.tokens[vendor]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.statusCode !== 200) throw new Error(`${vendor} ${method} ${path} answered ${response.statusCode}`);
    return response.body.json();
  }

  accFilter(request: unknown): Promise<{ results: Array<{ id: string }>; pagination: { nextPost?: { body: unknown } } }> {
    return this.json('acc', 'POST', accPaths.filter(PROJECT_ID).path, request) as never;
  }

  materials(productType: string): Promise<unknown> {
    return this.json('materials', 'GET', `${materialsPath(MATERIALS_DEMO.orderId, MATERIALS_DEMO.assignmentId).path}?productType=${productType}`);
  }

  orderPage(skip: number): Promise<unknown> {
    return this.json('contentHub', 'GET', `${contentHubPaths.orders().path}?skip=${skip}`);
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.pools).map((pool) => pool.close()));
  }
}

/** The skips of the Content Hub pages that hold `count` orders from `offset`. */
function orderSkips(offset: number, count: number): number[] {
  const end = Math.min(offset + count, BENCH_ORDER_COUNT);
  const skips: number[] = [];
  for (let skip = offset; skip < end; skip += CONTENT_HUB_PAGE_SIZE) skips.push(skip);
  return skips;
}

const photoIdsInput = (fixtures: Fixtures, count: number) => fixtures.photoIds.slice(0, count).map((id) => toGlobalId('Photo', PROJECT_ID, id));

export const SCENARIOS: Scenario[] = [
  {
    id: '1',
    title: 'One photo by id',
    floor: { calls: 1, rounds: 1 },
    operations: () => [
      {
        query: `query OnePhoto($projectId: ID!, $id: ID!) { photo(projectId: $projectId, id: $id) { __typename ... on Photo { ${PHOTO_FIELDS} } } }`,
        variables: { projectId: PROJECT_ID, id: DEMO.livePhotoId },
      },
    ],
    direct: (vendors) => vendors.json('acc', 'GET', `${accPaths.photo(PROJECT_ID, DEMO.livePhotoId).path}?include=signedUrls`),
  },
  {
    id: '2',
    title: "One project's photos, 100 a page, each with its project",
    floor: { calls: 2, rounds: 2 },
    operations: () => [
      {
        query: `query ProjectPhotos($projectId: ID!) { project(id: $projectId) { photos(first: 100) { edges { cursor node { ${PHOTO_FIELDS} project { id projectId } } } pageInfo { hasNextPage endCursor } } } }`,
        variables: { projectId: PROJECT_ID },
      },
    ],
    // ACC pages hold at most 50 and continue only from the previous page's cursorState.
    direct: async (vendors) => {
      const first = await vendors.accFilter({ include: ['signedUrls'], limit: ACC_PAGE });
      const second = await vendors.accFilter(first.pagination.nextPost!.body);
      return [...first.results, ...second.results];
    },
  },
  {
    id: '3',
    title: '100 photos by id through nodes(ids)',
    floor: { calls: 2, rounds: 1 },
    operations: (fixtures) => [
      {
        query: `query PhotosById($ids: [ID!]!) { nodes(ids: $ids) { ... on Photo { ${PHOTO_FIELDS} } } }`,
        variables: { ids: photoIdsInput(fixtures, 100) },
      },
    ],
    direct: async (vendors, fixtures) => {
      const halves = [fixtures.photoIds.slice(0, ACC_PAGE), fixtures.photoIds.slice(ACC_PAGE, 2 * ACC_PAGE)];
      return Promise.all(halves.map((id) => vendors.accFilter({ filter: { id }, include: ['signedUrls'], limit: ACC_PAGE })));
    },
  },
  {
    id: '4',
    title: "An assignment's materials for three product types",
    floor: { calls: 3, rounds: 1 },
    operations: () => [
      {
        query: `query Deliverables($orderId: ID!, $assignmentId: ID!) { order(id: $orderId) { assignment(id: $assignmentId) { ${MATERIAL_PRODUCTS.map(
          (product) => `${product.toLowerCase()}: materials(productType: ${product}, first: 100) { ${MATERIAL_FIELDS} }`,
        ).join(' ')} } } }`,
        variables: { orderId: MATERIALS_DEMO.orderId, assignmentId: MATERIALS_DEMO.assignmentId },
      },
    ],
    direct: (vendors) => Promise.all(MATERIAL_PRODUCTS.map((product) => vendors.materials(product))),
  },
  {
    id: '5',
    title: 'The download-orders list, 50 a page, walked to the end',
    floor: { calls: ORDER_PAGE_SIZE / CONTENT_HUB_PAGE_SIZE, rounds: 1 },
    operations: (fixtures) =>
      fixtures.orderPageCursors.map((after) => ({
        query: `query OrdersPage($after: String) { downloadOrders(first: ${ORDER_PAGE_SIZE}, after: $after) { totalCount edges { cursor node { id orderId name status createdOn } } pageInfo { hasNextPage endCursor } } }`,
        variables: { after },
      })),
    // A page of 50 spans five Content Hub pages, all addressable by skip at once.
    direct: (vendors, fixtures, step) => Promise.all(orderSkips(fixtures.orderPageOffsets[step]!, ORDER_PAGE_SIZE).map((skip) => vendors.orderPage(skip))),
  },
  {
    id: '6',
    title: 'A dashboard touching all four vendors',
    floor: { calls: 2 + MATERIAL_PRODUCTS.length + 1 + DASHBOARD_ORDERS.length, rounds: 1 },
    operations: (fixtures) => [
      {
        query: `query Dashboard($projectId: ID!, $pinned: [ID!]!, $orderId: ID!, $assignmentId: ID!) {
  project(id: $projectId) { photos(first: 20) { nodes { ${PHOTO_FIELDS} } } }
  pinned: nodes(ids: $pinned) { ... on Photo { ${PHOTO_FIELDS} } }
  order(id: $orderId) { assignment(id: $assignmentId) { ${MATERIAL_PRODUCTS.map(
    (product) => `${product.toLowerCase()}: materials(productType: ${product}) { ${MATERIAL_FIELDS} }`,
  ).join(' ')} } }
  downloadOrders(first: 10) { totalCount nodes { id name status } }
  ${DASHBOARD_ORDERS.map((id) => `order${id}: downloadOrder(id: "${id}") { id status modifiedOn downloadLocation { href } }`).join('\n  ')}
  logo: asset(key: "demo-public-logo") { key contentUrl }
}`,
        variables: {
          projectId: PROJECT_ID,
          pinned: photoIdsInput(fixtures, DASHBOARD_PINNED),
          orderId: MATERIALS_DEMO.orderId,
          assignmentId: MATERIALS_DEMO.assignmentId,
        },
      },
    ],
    // The asset store has no metadata endpoint: an asset's contentUrl costs no vendor call.
    direct: (vendors, fixtures) =>
      Promise.all([
        vendors.accFilter({ include: ['signedUrls'], limit: 20 }),
        vendors.accFilter({ filter: { id: fixtures.photoIds.slice(0, DASHBOARD_PINNED) }, include: ['signedUrls'], limit: ACC_PAGE }),
        ...MATERIAL_PRODUCTS.map((product) => vendors.materials(product)),
        vendors.orderPage(0),
        ...DASHBOARD_ORDERS.map((id) => vendors.json('contentHub', 'GET', contentHubPaths.order(id).path)),
      ]),
  },
];
