import { gql } from '@apollo/client';
import type { ApolloClient, DocumentNode, NormalizedCacheObject, OperationVariables } from '@apollo/client';
import { AssetByIdDocument, AssetByKeyDocument, UploadAssetDocument } from '../../examples/client/generated/graphql';
import { createUploadClient } from '../../examples/client/uploadClient';
import { DEMO } from '../../src/simulators/acc/seed';
import { startStack } from '../helpers/stack';
import type { TestStack } from '../helpers/stack';
import { failOnApolloWarnings } from './apolloWarnings';

/** The paths (`Asset:….contentUrl`) that held a value in `before` and hold none in `after`. */
function wipedValues(before: unknown, after: unknown, path = ''): string[] {
  if (before === null || before === undefined) return [];
  if (after === null || after === undefined) return [path];
  if (typeof before !== 'object' || typeof after !== 'object') return [];
  return Object.entries(before).flatMap(([name, value]) => wipedValues(value, (after as Record<string, unknown>)[name], path ? `${path}.${name}` : name));
}

/** A client written against the schema before Asset's record fields were deprecated: it still asks for them. */
const LEGACY_UPLOAD = gql`
  mutation LegacyUpload($input: AssetUploadInput!) {
    assetUpload(input: $input) {
      asset { id key name type visibility created contentUrl }
      userErrors { code }
    }
  }
`;
const LEGACY_BY_KEY = gql`
  query LegacyByKey($key: ID!) {
    asset(key: $key) { id name }
  }
`;
const LEGACY_BY_ID = gql`
  query LegacyById($id: ID!) {
    node(id: $id) { id ... on Asset { key name type visibility created } }
  }
`;

describe('an uploaded asset in Apollo Client’s normalized cache (one id, one set of values)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  failOnApolloWarnings();

  /** The example's upload client (its cache is the example's InMemoryCache), new for each test. */
  const uploadClient = () => createUploadClient({ uri: stack.url, getAccessToken: () => stack.tokens.full, accToken: DEMO.token });

  const plan = () => new File(['%PDF-1.7 site plan'], 'plan.pdf', { type: 'application/pdf' });

  /** Runs each step in turn; answers every value the cache held before a step and lost to null after it, and the cache as it ends. */
  async function wipedAlong(client: ApolloClient, steps: Array<() => Promise<unknown>>) {
    const snapshot = () => client.cache.extract() as NormalizedCacheObject;
    const wiped: string[] = [];
    for (const step of steps) {
      const before = snapshot();
      await step();
      wiped.push(...wipedValues(before, snapshot()));
    }
    return { wiped, cache: snapshot() };
  }
  /** Asked of the gateway, never answered from the cache. */
  const query = <TVariables extends OperationVariables>(client: ApolloClient, document: DocumentNode, variables: TVariables) =>
    client.query({ query: document, variables, fetchPolicy: 'network-only' });

  it('keeps every value of the upload through asset(key) and node(id), the record with the payload', async () => {
    const client = uploadClient();
    const postsBefore = stack.assets.requests.filter((request) => request.method === 'POST').length;
    const uploaded = await client.mutate({ mutation: UploadAssetDocument, variables: { input: { file: plan(), visibility: 'PUBLIC' } } });
    const { asset, record, userErrors } = uploaded.data!.assetUpload;
    expect(userErrors).toEqual([]);
    expect(record).toMatchObject({ name: 'plan.pdf', type: 'DOCUMENT', visibility: 'PUBLIC', created: expect.any(String) });
    // It went up as a real multipart request, through to the store.
    expect(stack.assets.requests.filter((request) => request.method === 'POST')).toHaveLength(postsBefore + 1);
    expect(stack.assets.store.get(asset!.key)!.size).toBe(plan().size);
    stack.assets.requests.splice(0);

    const { wiped, cache } = await wipedAlong(client, [
      () => query(client, AssetByKeyDocument, { key: asset!.key }),
      () => query(client, AssetByIdDocument, { id: asset!.id }),
      () => query(client, AssetByKeyDocument, { key: asset!.key }),
    ]);
    expect(wiped).toEqual([]);
    const entry = cache[client.cache.identify({ __typename: 'Asset', id: asset!.id })!];
    expect(entry).toMatchObject({ __typename: 'Asset', id: asset!.id, key: asset!.key, contentUrl: expect.any(String) });
    // The record is no Node: it is the mutation's answer, and nothing of it lands under the asset's id.
    expect(JSON.stringify(entry)).not.toContain('plan.pdf');
    // Looking an asset up by key or id costs no vendor call: there is nothing more to fetch.
    expect(stack.assets.requests).toEqual([]);
  });

  it('never turns a value null for a client that still reads Asset’s deprecated fields', async () => {
    const client = uploadClient();
    const uploaded = await client.mutate<{ assetUpload: { asset: { id: string; key: string } } }>({
      mutation: LEGACY_UPLOAD,
      variables: { input: { file: plan() } },
    });
    const { id, key } = uploaded.data!.assetUpload.asset;

    const { wiped, cache } = await wipedAlong(client, [() => query(client, LEGACY_BY_KEY, { key }), () => query(client, LEGACY_BY_ID, { id })]);
    expect(wiped).toEqual([]);
    // One answer on every path: what the store cannot tell by key is null from the upload on.
    expect(cache[client.cache.identify({ __typename: 'Asset', id })!]).toMatchObject({ key, name: null, type: null, visibility: null, created: null });
  });
});
