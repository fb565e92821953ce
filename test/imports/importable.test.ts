import { DEMO } from '../../src/simulators/acc/seed';
import { link, orderResource } from '../../src/simulators/contentHub/seed';
import { MATERIALS_DEMO, addDeliveredDocument } from '../../src/simulators/materials/seed';
import { expectHealthy } from '../helpers/health';
import { bearer, postGraphQL, startStack } from '../helpers/stack';
import type { GraphQLResponse, TestStack } from '../helpers/stack';

const PROJECT = DEMO.projectIds[0];
const { orderId: ORDER, assignmentId: ASSIGNMENT } = MATERIALS_DEMO;

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
  const origin = stack.contentHub.url;
  stack.contentHub.store.put(
    orderResource(origin, 7001, { targetCount: 1, status: 'Completed', download_location: link('https://cdn.elsewhere.example/7001.zip', '7001.zip') }),
    [1],
  );
  addDeliveredDocument(stack.materials.store, { orderId: ORDER, assignmentId: ASSIGNMENT, id: 'report-elsewhere', fileName: 'report.pdf', fileSize: 10, url: 'https://cdn.elsewhere.example/report.pdf' });
});
afterAll(async () => {
  try {
    await expectHealthy(stack);
  } finally {
    await stack.close();
  }
});

/** The query's answer, and how many calls each vendor got for it. */
async function callsFor<TData>(query: string, variables?: Record<string, unknown>, url = stack.url) {
  const before = { acc: stack.acc.requests.length, materials: stack.materials.requests.length, contentHub: stack.contentHub.requests.length };
  const response: GraphQLResponse<TData> = await postGraphQL<TData>(url, { query, variables }, { ...bearer(stack.tokens.full), 'x-acc-token': DEMO.token });
  expect(response.body.errors).toBeUndefined();
  return {
    data: response.body.data!,
    calls: {
      acc: stack.acc.requests.length - before.acc,
      materials: stack.materials.requests.length - before.materials,
      contentHub: stack.contentHub.requests.length - before.contentHub,
    },
  };
}

describe('Photo.importable', () => {
  const list = (fields: string) => `query($project: ID!) { project(id: $project) { photos(first: 30) { nodes { photoId size ${fields} } } } }`;
  type Listed = { project: { photos: { nodes: Array<{ photoId: string; size: number | null; importable?: boolean }> } } };
  const BY_ID = 'query($project: ID!, $id: ID!) { photo(projectId: $project, id: $id) { ... on Photo { importable size } } }';
  type ById = { photo: { importable: boolean; size: number } };

  it('is true for every listed photo, at no ACC call beyond the list itself', async () => {
    const without = await callsFor<Listed>(list(''), { project: PROJECT });
    const withImportable = await callsFor<Listed>(list('importable'), { project: PROJECT });
    const nodes = withImportable.data.project.photos.nodes;
    expect(nodes.length).toBe(30);
    expect(nodes.every((photo) => photo.importable === true && typeof photo.size === 'number')).toBe(true);
    expect(withImportable.calls).toEqual(without.calls);
    expect(withImportable.calls.acc).toBe(1);
  });

  it('is true for one photo read by id, with its size', async () => {
    const { data, calls } = await callsFor<ById>(BY_ID, { project: PROJECT, id: DEMO.livePhotoId });
    expect(data.photo.importable).toBe(true);
    expect(data.photo.size).toBeGreaterThan(0);
    expect(calls.acc).toBe(1);
  });

  it('is false where the signed URLs point at a host the gateway does not trust, and true once IMPORT_DOWNLOAD_ORIGINS names it', async () => {
    // ACC on "localhost": its signed URLs stay on 127.0.0.1, another origin (as S3 is to ACC's API).
    const accByName = stack.acc.url.replace('127.0.0.1', 'localhost');
    const untrusting = await stack.replica({ ACC_BASE_URL: accByName });
    const trusting = await stack.replica({ ACC_BASE_URL: accByName, IMPORT_DOWNLOAD_ORIGINS: stack.acc.url });
    const importable = async (url: string) =>
      (await callsFor<ById>(BY_ID, { project: PROJECT, id: DEMO.livePhotoId }, url)).data.photo.importable;
    expect(await importable(untrusting.gateway.url)).toBe(false);
    expect(await importable(trusting.gateway.url)).toBe(true);
  });
});

describe('importable on materials', () => {
  const query = (product: string, fields: string) => `query($order: ID!, $assignment: ID!) {
    order(id: $order) { assignment(id: $assignment) { materials(productType: ${product}, first: 100) { nodes {
      __typename materialId
      ... on PhotoMaterial { file { size } ${fields} }
      ... on VideoMaterial { file { size } ${fields} }
      ... on DocumentMaterial { file { size } ${fields} }
    } } } } }`;
  type Materials = { order: { assignment: { materials: { nodes: Array<{ __typename: string; materialId: string; importable?: boolean; file?: { size: number } }> } } } };
  const variables = { order: ORDER, assignment: ASSIGNMENT };

  it.each([['GROUND_PHOTO'], ['VIDEO'], ['FLOOR_PLAN']])('is true for each %s material, with its size, at no extra Materials call', async (product) => {
    const without = await callsFor<Materials>(query(product, ''), variables);
    const withImportable = await callsFor<Materials>(query(product, 'importable'), variables);
    const nodes = withImportable.data.order.assignment.materials.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((material) => material.importable === true && material.file!.size > 0)).toBe(true);
    expect(withImportable.calls).toEqual(without.calls);
    expect(withImportable.calls.materials).toBe(1);
  });

  it('is false for a file on an origin the gateway does not trust', async () => {
    const { data } = await callsFor<Materials>(query('DOCUMENTS', 'importable'), variables);
    const byId = Object.fromEntries(data.order.assignment.materials.nodes.map((material) => [material.materialId, material.importable]));
    expect(byId['report-elsewhere']).toBe(false);
  });
});

describe('DownloadOrder.importable', () => {
  const query = (fields: string) => `query($id: ID!) { downloadOrder(id: $id) { status ${fields} } }`;
  type Order = { downloadOrder: { status: string; importable?: boolean } };

  it.each([
    ['1004', 'COMPLETED', true],
    ['1001', 'CREATED', false],
    ['1003', 'IN_PROGRESS', false],
    ['1007', 'ARCHIVED', false],
    ['7001', 'COMPLETED', false],
  ] as const)('order %s (%s) is importable: %s, at no extra Content Hub call', async (id, status, importable) => {
    const without = await callsFor<Order>(query(''), { id });
    const withImportable = await callsFor<Order>(query('importable'), { id });
    expect(withImportable.data.downloadOrder).toEqual({ status, importable });
    expect(withImportable.calls).toEqual(without.calls);
  });

  it('answers for a whole page of orders at the cost of the page', async () => {
    const page = (fields: string) => `{ downloadOrders(first: 10) { nodes { orderId status ${fields} } } }`;
    type Page = { downloadOrders: { nodes: Array<{ orderId: string; status: string; importable?: boolean }> } };
    const without = await callsFor<Page>(page(''));
    const withImportable = await callsFor<Page>(page('importable'));
    expect(withImportable.calls).toEqual(without.calls);
    for (const order of withImportable.data.downloadOrders.nodes) expect(order.importable).toBe(order.status === 'COMPLETED');
  });
});
