import { graphql, parse, subscribe } from 'graphql';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { ANONYMOUS, UNCHECKED } from '../src/auth/caller';
import type { Caller } from '../src/auth/caller';
import { buildFederatedSchema } from '../src/graphql/federation/subgraphSchema';
import { toGlobalId } from '../src/graphql/relay/globalId';
import { buildSchema } from '../src/graphql/schema';
import { DEMO } from '../src/simulators/acc/seed';
import { ASSETS_DEMO } from '../src/simulators/assets/server';
import { CONTENT_HUB_DEMO } from '../src/simulators/contentHub/seed';
import { MATERIALS_DEMO } from '../src/simulators/materials/seed';
import { startVendors } from './helpers/executionContext';
import type { Vendors } from './helpers/executionContext';
import { refusals, tokenCaller } from './helpers/callers';

const DOWNLOAD_ORDER = String(CONTENT_HUB_DEMO.firstOrderId);
const ORDER = MATERIALS_DEMO.orderId;
const PROJECT = DEMO.projectIds[0]!;

/** The real schemas, executed with graphql-js over the real vendor clients and simulators, as each kind of caller. */
describe('the served schema enforces its @authenticated / @requiresScopes', () => {
  const schema = buildSchema();
  const subgraph = buildFederatedSchema();
  let vendors: Vendors;
  let photoId: string;
  beforeAll(async () => {
    vendors = await startVendors();
    photoId = vendors.acc.store.query(PROJECT, {})[0]!.id;
  });
  afterAll(() => vendors.close());
  beforeEach(() => {
    for (const simulator of [vendors.acc, vendors.materials, vendors.assets, vendors.contentHub]) simulator.requests.splice(0);
  });

  const run = (caller: Caller, source: string, variableValues?: Record<string, unknown>, on: GraphQLSchema = schema) =>
    graphql({ schema: on, source, variableValues, contextValue: vendors.context(caller) });

  it("refuses each entry of nodes(ids) the caller may not read before fetching it, and answers the others", async () => {
    const ids = [toGlobalId('DownloadOrder', DOWNLOAD_ORDER), toGlobalId('Order', ORDER), toGlobalId('Photo', PROJECT, photoId)];
    const result = await run(
      tokenCaller('materials:read'),
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Order { orderId } ... on Photo { photoId } ... on DownloadOrder { status } } }`,
      { ids },
    );
    expect(result.data).toEqual({ nodes: [null, { __typename: 'Order', orderId: ORDER }, { __typename: 'Photo', photoId }] });
    expect(refusals(result)).toEqual([['nodes.0', 'FORBIDDEN']]);
    expect(result.errors![0]!.message).toBe('DownloadOrder needs the scope download-orders:read.');
    expect(vendors.contentHub.requests).toEqual([]);
    expect(vendors.acc.requests).toHaveLength(1);
  });

  it('answers an anonymous caller UNAUTHENTICATED for ACC photos, with no ACC call', async () => {
    const result = await run(
      ANONYMOUS,
      `query($id: ID!, $project: ID!, $photo: ID!) {
         node(id: $id) { id }
         photo(projectId: $project, id: $photo) { __typename }
         project(id: $project) { projectId }
       }`,
      { id: toGlobalId('Photo', PROJECT, photoId), project: PROJECT, photo: photoId },
    );
    expect(result.data).toEqual({ node: null, photo: null, project: null });
    expect(refusals(result)).toEqual([
      ['node', 'UNAUTHENTICATED'],
      ['photo', 'UNAUTHENTICATED'],
      ['project', 'UNAUTHENTICATED'],
    ]);
    expect(vendors.acc.requests).toEqual([]);
  });

  it("reads an order's materials with materials:read only, and never calls the Materials API without it", async () => {
    const query = `query($order: ID!, $assignment: ID!) {
      order(id: $order) { assignment(id: $assignment) { materials(productType: GROUND_PHOTO) { totalCount } } }
    }`;
    const variables = { order: ORDER, assignment: MATERIALS_DEMO.assignmentId };
    const refused = await run(tokenCaller('assets:read', 'download-orders:read'), query, variables);
    expect(refused.data).toEqual({ order: null });
    expect(refusals(refused)).toEqual([['order', 'FORBIDDEN']]);
    expect(refused.errors![0]!.message).toBe('Query.order needs the scope materials:read.');
    expect(vendors.materials.requests).toEqual([]);

    const allowed = await run(tokenCaller('materials:read'), query, variables);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toEqual({ order: { assignment: { materials: { totalCount: 24 } } } });
    expect(vendors.materials.requests).toHaveLength(1);
  });

  it('mints no content link for an asset without assets:read', async () => {
    const query = `{ asset(key: "${ASSETS_DEMO.privateKey}") { contentUrl } }`;
    const refused = await run(tokenCaller('assets:write'), query);
    expect(refused.data).toEqual({ asset: null });
    expect(refusals(refused)).toEqual([['asset', 'FORBIDDEN']]);
    expect(JSON.stringify(refused)).not.toContain('http');
    const allowed = await run(tokenCaller('assets:read'), query);
    expect((allowed.data as { asset: { contentUrl: string } }).asset.contentUrl).toMatch(/^http/);
  });

  it('lets a write-only caller create a download order, but answers the created order null with FORBIDDEN', async () => {
    const before = vendors.contentHub.store.list().length;
    const result = await run(
      tokenCaller('download-orders:write'),
      `mutation { downloadOrderCreate(input: { name: "write only", assets: [{ assetId: "42", download: { renditions: ["original"] } }] }) { downloadOrder { orderId } userErrors { message } } }`,
    );
    expect(result.data).toEqual({ downloadOrderCreate: { downloadOrder: null, userErrors: [] } });
    expect(refusals(result)).toEqual([['downloadOrderCreate.downloadOrder', 'FORBIDDEN']]);
    expect(vendors.contentHub.store.list()).toHaveLength(before + 1);

    const readOnly = await run(tokenCaller('download-orders:read'), `mutation { downloadOrderCreate(input: { name: "read only", assets: [{ assetId: "42", download: { renditions: ["original"] } }] }) { userErrors { message } } }`);
    // downloadOrderCreate is non-null: its refusal nulls the whole answer, as any non-null field's error.
    expect(readOnly.data).toBeNull();
    expect(refusals(readOnly)).toEqual([['downloadOrderCreate', 'FORBIDDEN']]);
    expect(vendors.contentHub.store.list()).toHaveLength(before + 1);
  });

  it('refuses downloadOrderWatch before subscribing: nothing is polled', async () => {
    const document = parse(`subscription { downloadOrderWatch(id: "${DOWNLOAD_ORDER}") { status } }`);
    const refused = (await subscribe({ schema, document, contextValue: vendors.context(tokenCaller('download-orders:write')) })) as ExecutionResult;
    expect(refusals(refused)).toEqual([['downloadOrderWatch', 'FORBIDDEN']]);
    await new Promise((resolve) => setTimeout(resolve, vendors.pollMs * 3));
    expect(vendors.contentHub.requests).toEqual([]);

    const watching = (await subscribe({ schema, document, contextValue: vendors.context(tokenCaller('download-orders:read')) })) as AsyncGenerator<ExecutionResult>;
    const first = await watching.next();
    await watching.return(undefined);
    expect(first.value.errors).toBeUndefined();
    expect(vendors.contentHub.requests.length).toBeGreaterThan(0);
  });

  it('refuses an _entities representation the caller may not read before fetching it, and answers the others', async () => {
    const query = `query($representations: [_Any!]!) {
      _entities(representations: $representations) { __typename ... on Order { orderId } ... on DownloadOrder { status } ... on Photo { photoId } }
    }`;
    const representations = [
      { __typename: 'DownloadOrder', orderId: DOWNLOAD_ORDER },
      { __typename: 'Order', orderId: ORDER },
      { __typename: 'Photo', project: { projectId: PROJECT }, photoId },
    ];
    const scoped = await run(tokenCaller('materials:read'), query, { representations }, subgraph);
    expect(scoped.data).toEqual({ _entities: [null, { __typename: 'Order', orderId: ORDER }, { __typename: 'Photo', photoId }] });
    expect(refusals(scoped)).toEqual([['_entities.0', 'FORBIDDEN']]);
    expect(vendors.contentHub.requests).toEqual([]);

    vendors.acc.requests.splice(0);
    const anonymous = await run(ANONYMOUS, query, { representations }, subgraph);
    expect(anonymous.data).toEqual({ _entities: [null, null, null] });
    expect(refusals(anonymous)).toEqual([
      ['_entities.0', 'UNAUTHENTICATED'],
      ['_entities.1', 'UNAUTHENTICATED'],
      ['_entities.2', 'UNAUTHENTICATED'],
    ]);
    expect(vendors.acc.requests).toEqual([]);
    expect(vendors.contentHub.requests).toEqual([]);
  });

  it('serves an unchecked caller (AUTH_DISABLED) everything, as before', async () => {
    const result = await run(
      UNCHECKED,
      `query($order: ID!, $download: ID!, $project: ID!, $photo: ID!) {
         order(id: $order) { orderId }
         downloadOrder(id: $download) { orderId }
         downloadOrders(first: 1) { totalCount }
         photo(projectId: $project, id: $photo) { __typename }
         asset(key: "${ASSETS_DEMO.publicKey}") { key }
       }`,
      { order: ORDER, download: DOWNLOAD_ORDER, project: PROJECT, photo: photoId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      order: { orderId: ORDER },
      downloadOrder: { orderId: DOWNLOAD_ORDER },
      downloadOrders: { totalCount: expect.any(Number) },
      photo: { __typename: 'Photo' },
      asset: { key: ASSETS_DEMO.publicKey },
    });
  });
});
