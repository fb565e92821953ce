import { createHash, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { toGlobalId } from '../../src/graphql/relay/globalId';
import { DEMO } from '../../src/simulators/acc/seed';
import { simulatedFileBytes } from '../../src/simulators/files';
import { bearer } from './stack';
import type { GraphQLResponse, TestStack } from './stack';
import { waitForAsync } from './waitFor';

export const MIB = 1024 * 1024;

export const IMPORT_FIELDS = /* GraphQL */ `
  id status source filename bytesDone totalBytes startedAt endedAt
  asset { key contentUrl }
  error { code message }
`;

export interface ImportView {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  source: string;
  filename: string;
  bytesDone: number;
  totalBytes: number | null;
  startedAt: string | null;
  endedAt: string | null;
  asset: { key: string; contentUrl: string } | null;
  error: { code: string; message: string } | null;
}

export interface UserErrorView {
  field: string[] | null;
  code: string;
  message: string;
}

export const IMPORT = /* GraphQL */ `
  mutation($input: AssetImportInput!) {
    assetImport(input: $input) { assetImport { ${IMPORT_FIELDS} } userErrors { field code message } }
  }
`;
export const READ = /* GraphQL */ `query($id: ID!) { assetImport(id: $id) { ${IMPORT_FIELDS} } }`;
export const CANCEL = /* GraphQL */ `
  mutation($id: ID!) { assetImportCancel(id: $id) { assetImport { ${IMPORT_FIELDS} } userErrors { field code message } } }
`;
export const PROGRESS = /* GraphQL */ `subscription($id: ID!) { assetImportProgress(id: $id) { ${IMPORT_FIELDS} } }`;

export const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** A photo of `size` bytes added to ACC: its global id and the SHA-256 of the bytes ACC serves for it. */
export async function addPhoto(stack: TestStack, size: number, projectId: string = DEMO.projectIds[0]!): Promise<{ id: string; photoId: string; sha256: string }> {
  const photoId = randomUUID();
  stack.acc.store.add({ id: photoId, projectId, mediaType: 'NORMAL', size });
  const hash = createHash('sha256');
  for await (const chunk of simulatedFileBytes(`acc/${projectId}/${photoId}`, size)) hash.update(chunk as Buffer);
  return { id: toGlobalId('Photo', projectId, photoId), photoId, sha256: hash.digest('hex') };
}

type Headers = Record<string, string>;

export async function startImport(
  stack: TestStack,
  input: Record<string, unknown>,
  headers?: Headers,
): Promise<{ assetImport: ImportView | null; userErrors: UserErrorView[]; response: GraphQLResponse }> {
  const response = await stack.graphql<{ assetImport: { assetImport: ImportView | null; userErrors: UserErrorView[] } }>(IMPORT, { input }, headers);
  expect(response.body.errors).toBeUndefined();
  return { ...response.body.data!.assetImport, response };
}

/** Starts an import of `photoId` and expects it started. */
export async function importPhoto(stack: TestStack, photoId: string, headers?: Headers): Promise<ImportView> {
  const { assetImport, userErrors } = await startImport(stack, { source: { photo: photoId } }, headers);
  expect(userErrors).toEqual([]);
  return assetImport!;
}

export async function readImport(stack: TestStack, id: string, headers?: Headers): Promise<GraphQLResponse<{ assetImport: ImportView | null }>> {
  return stack.graphql<{ assetImport: ImportView | null }>(READ, { id }, headers);
}

/** Polls the import until it has ended (or `until` holds); answers it then. */
export async function awaitImport(stack: TestStack, id: string, until: (view: ImportView) => boolean = (view) => FINAL.has(view.status), headers?: Headers): Promise<ImportView> {
  let view: ImportView | undefined;
  await waitForAsync(async () => {
    const { body } = await readImport(stack, id, headers);
    view = body.data?.assetImport ?? undefined;
    return view !== undefined && until(view);
  }, 15_000);
  return view!;
}

/** Files the assets simulator is still writing: none may be left after an aborted upload. */
export async function partialFiles(stack: TestStack): Promise<string[]> {
  return (await readdir(stack.assets.store.directory)).filter((name) => name.startsWith('.partial'));
}

/** Headers of another caller, with every scope. */
export async function otherCaller(stack: TestStack, sub = 'someone-else'): Promise<Headers> {
  const token = await stack.issuer.sign({ sub, client_id: 'mediagraph-tests', scope: 'materials:read assets:read assets:write download-orders:read download-orders:write' }, { expiresInSeconds: 3600 });
  return { ...bearer(token), 'x-acc-token': DEMO.token };
}
