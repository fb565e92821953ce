import { randomBytes } from 'node:crypto';
import { ApolloClient, InMemoryCache } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import UploadHttpLink from 'apollo-upload-client/UploadHttpLink.mjs';
import { UploadAssetDocument } from '../../examples/client/generated/graphql';
import { createUploadClient } from '../../examples/client/uploadClient';
import { DEMO } from '../../src/simulators/acc/seed';
import { bearer, startStack } from '../helpers/stack';
import type { TestStack } from '../helpers/stack';

describe('uploads through apollo-upload-client (docs/clients.md)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('uploads a File as a multipart request, and contentUrl serves the same bytes back', async () => {
    const client = createUploadClient({ uri: stack.url, getAccessToken: () => stack.tokens.full, accToken: DEMO.token });
    const bytes = randomBytes(256 * 1024);
    const file = new File([bytes], 'site-survey.bin', { type: 'application/octet-stream' });

    const { data } = await client.mutate({
      mutation: UploadAssetDocument,
      variables: { input: { file, name: 'Site survey', visibility: 'PUBLIC' } },
    });

    const { asset, record, userErrors } = data!.assetUpload;
    expect(userErrors).toEqual([]);
    expect(asset).toMatchObject({ __typename: 'Asset', key: expect.any(String) });
    expect(record).toMatchObject({ __typename: 'AssetUploadRecord', name: 'Site survey', visibility: 'PUBLIC' });
    expect(stack.assets.store.get(asset!.key)!.size).toBe(bytes.length);
    const download = await fetch(asset!.contentUrl);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('is refused before the body is read without the apollo-require-preflight header', async () => {
    const storedBefore = stack.assets.store.size;
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new UploadHttpLink({ uri: stack.url, headers: bearer(stack.tokens.full) }),
    });
    const file = new File(['plain text'], 'note.txt', { type: 'text/plain' });

    const error: unknown = await client.mutate({ mutation: UploadAssetDocument, variables: { input: { file } } }).catch((thrown) => thrown);
    if (!ServerError.is(error)) throw error;
    expect(error.statusCode).toBe(400);
    expect(JSON.parse(error.bodyText)).toMatchObject({
      errors: [{ message: expect.stringContaining('apollo-require-preflight'), extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(stack.assets.store.size).toBe(storedBefore);
  });
});
