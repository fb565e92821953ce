import { request } from 'undici';
import { toGlobalId } from '../src/graphql/relay/globalId';
import { DEMO } from '../src/simulators/acc/seed';
import { CONTENT_HUB_DEMO } from '../src/simulators/contentHub/seed';
import { bytesFile, multipartRequest } from './helpers/multipart';
import { bearer, startStack } from './helpers/stack';
import type { GraphQLResponse, TestStack } from './helpers/stack';

const [PROJECT] = DEMO.projectIds;
const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
const downloadOrderIds = (count: number) => Array.from({ length: count }, (_, index) => toGlobalId('DownloadOrder', String(100_000 + index)));

/** Every vendor request the simulators have seen. */
const vendorCalls = (stack: TestStack) =>
  stack.acc.requests.length + stack.materials.requests.length + stack.assets.requests.length + stack.contentHub.requests.length;

/** Asks, and expects a refusal before anything ran: the status, the code, no vendor call, a healthy process. */
async function expectRefused(stack: TestStack, send: () => Promise<GraphQLResponse>, code: string): Promise<GraphQLResponse> {
  const before = vendorCalls(stack);
  const response = await send();
  expect(response.status).toBe(400);
  expect(response.body.data ?? null).toBeNull();
  expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
  expect(vendorCalls(stack)).toBe(before);
  const health = await request(new URL('/healthz', stack.url));
  expect(health.statusCode).toBe(200);
  await health.body.dump();
  const normal = await stack.graphql<{ downloadOrder: { orderId: string } }>(`{ downloadOrder(id: "${CONTENT_HUB_DEMO.firstOrderId}") { orderId } }`);
  expect(normal.body.data?.downloadOrder.orderId).toBe(String(CONTENT_HUB_DEMO.firstOrderId));
  return response;
}

describe('bounded fan-out: list maxima and a cost model that sees variables', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { UPLOAD_MAX_FILES: '3' } });
  });
  afterAll(() => stack.close());

  it('refuses nodes(ids:) with 2,000 ids in a variable: 400, BAD_USER_INPUT, no Content Hub call', async () => {
    const { body } = await expectRefused(stack, () => stack.graphql(NODES, { ids: downloadOrderIds(2_000) }), 'BAD_USER_INPUT');
    expect(body.errors![0]!.message).toBe('`ids` of `nodes` takes at most 100 items; got 2000.');
  });

  it('refuses nodes(ids:) with 2,000 ids written in the query the same way', async () => {
    const literal = `{ nodes(ids: ${JSON.stringify(downloadOrderIds(2_000))}) { id } }`;
    await expectRefused(stack, () => stack.graphql(literal), 'BAD_USER_INPUT');
  });

  it('answers nodes(ids:) with 100 ids, 100 photos in 2 ACC calls', async () => {
    const photoIds = stack.acc.store.query(PROJECT!, {}).slice(0, 100).map((photo) => toGlobalId('Photo', PROJECT!, photo.id));
    stack.takeAccRequests();
    const { status, body } = await stack.graphql<{ nodes: Array<{ id: string }> }>(NODES, { ids: photoIds });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.nodes.map((node) => node.id)).toEqual(photoIds);
    expect(stack.takeAccRequests()).toHaveLength(2);
  });

  it('counts first: $n like the literal: photos of photos pass at 10 and are refused at 100 with COST_ESTIMATED_TOO_EXPENSIVE', async () => {
    const query = 'query($p: ID!, $n: Int) { project(id: $p) { photos(first: $n) { nodes { project { photos(first: $n) { nodes { title } } } } } } }';
    const small = await stack.graphql<{ project: { photos: { nodes: unknown[] } } }>(query, { p: PROJECT, n: 10 });
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
    expect(small.body.data!.project.photos.nodes).toHaveLength(10);

    const { body } = await expectRefused(stack, () => stack.graphql(query, { p: PROJECT, n: 100 }), 'COST_ESTIMATED_TOO_EXPENSIVE');
    expect(body.errors![0]!.extensions).toMatchObject({ cost: { estimated: 12_221, max: 5_000 } });
    const literal = query.replace('query($p: ID!, $n: Int)', 'query($p: ID!)').replaceAll('$n', '100');
    const refusedLiteral = await expectRefused(stack, () => stack.graphql(literal, { p: PROJECT }), 'COST_ESTIMATED_TOO_EXPENSIVE');
    expect(refusedLiteral.body.errors![0]!.extensions).toMatchObject({ cost: { estimated: 12_221 } });
  });

  it('refuses list inputs over their maximum in variables, at any depth of the input', async () => {
    const create = 'mutation($input: DownloadOrderCreateInput!) { downloadOrderCreate(input: $input) { downloadOrder { id } } }';
    const download = { renditions: ['preview'] };
    const tooManyAssets = { assets: Array.from({ length: 101 }, (_, index) => ({ assetId: String(index), download })) };
    const refused = await expectRefused(stack, () => stack.graphql(create, { input: tooManyAssets }), 'BAD_USER_INPUT');
    expect(refused.body.errors![0]!.message).toBe('`input.assets` of `downloadOrderCreate` takes at most 100 items; got 101.');

    const longConversion = Array.from({ length: 21 }, () => ({ type: 'width', value: 100 }));
    const deep = { mediaGroups: [{ mediaGroupId: '1', download: { conversions: [[{ type: 'fileExtension', value: 'jpg' }], longConversion] } }] };
    const refusedDeep = await expectRefused(stack, () => stack.graphql(create, { input: deep }), 'BAD_USER_INPUT');
    expect(refusedDeep.body.errors![0]!.message).toBe('`input.mediaGroups[0].download.conversions[1]` of `downloadOrderCreate` takes at most 20 items; got 21.');

    const photos = 'query($p: ID!, $filter: PhotoFilter) { project(id: $p) { photos(filter: $filter) { nodes { id } } } }';
    const photoIds = Array.from({ length: 101 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
    await expectRefused(stack, () => stack.graphql(photos, { p: PROJECT, filter: { photoIds } }), 'BAD_USER_INPUT');
  });

  it('refuses one file mapped to more upload inputs than files a request may upload', async () => {
    const assetsBefore = stack.assets.store.size;
    const inputs = Array.from({ length: 4 }, () => ({ file: null }));
    const mutation = 'mutation($inputs: [AssetUploadInput!]!) { assetUploadMany(inputs: $inputs) { asset { key } } }';
    // One file mapped to all four inputs: the multipart reader refuses a file with two readers.
    const send = async (): Promise<GraphQLResponse> => {
      const response = await multipartRequest(
        stack.url,
        { query: mutation, variables: { inputs } },
        { 0: inputs.map((_input, index) => `variables.inputs.${index}.file`) },
        [bytesFile('one.txt', Buffer.from('one file, four inputs'))],
        { headers: bearer(stack.tokens.full) },
      );
      const text = await response.body.text();
      return { status: response.statusCode, body: JSON.parse(text) as GraphQLResponse['body'], text };
    };
    const { body } = await expectRefused(stack, send, 'BAD_REQUEST');
    expect(body.errors![0]!.message).toMatch(/exactly one operations path/);
    expect(stack.assets.store.size).toBe(assetsBefore);
  });
});

describe('bounded fan-out in federation mode', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { GRAPHQL_FEDERATION: 'true' } });
  });
  afterAll(() => stack.close());

  const ENTITIES = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Photo { photoId title } } }';
  const representations = (count: number) =>
    stack.acc.store
      .query(PROJECT!, {})
      .slice(0, count)
      .map((photo) => ({ __typename: 'Photo', project: { projectId: PROJECT }, photoId: photo.id }));

  it('refuses _entities with more than 100 representations: 400, BAD_USER_INPUT, no ACC call', async () => {
    const { body } = await expectRefused(stack, () => stack.graphql(ENTITIES, { representations: representations(101) }), 'BAD_USER_INPUT');
    expect(body.errors![0]!.message).toBe('`representations` of `_entities` takes at most 100 items; got 101.');
  });

  it('answers _entities with 100 representations', async () => {
    stack.takeAccRequests();
    const { status, body } = await stack.graphql<{ _entities: Array<{ photoId: string }> }>(ENTITIES, { representations: representations(100) });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities).toHaveLength(100);
    expect(stack.takeAccRequests()).toHaveLength(2);
  });
});
