import { execute } from '../../examples/client/execute';
import { AssignmentMaterialsDocument, PhotoByIdDocument } from '../../examples/client/generated/graphql';
import { DEMO } from '../../src/simulators/acc/seed';
import { bearer, startStack } from '../helpers/stack';
import type { TestStack } from '../helpers/stack';

const [PROJECT_ID] = DEMO.projectIds;

describe('client-preset typed documents over plain fetch (docs/clients.md)', () => {
  let stack: TestStack;
  let headers: Record<string, string>;
  beforeAll(async () => {
    stack = await startStack();
    headers = { ...bearer(stack.tokens.full), 'x-acc-token': DEMO.token };
  });
  afterAll(() => stack.close());

  it('runs a generated query; its result is typed by the document', async () => {
    const { data, errors } = await execute(stack.url, PhotoByIdDocument, { projectId: PROJECT_ID!, id: DEMO.livePhotoId }, headers);
    expect(errors).toBeUndefined();
    const photo = data!.photo!;
    // The union narrows on __typename, as the generated type says.
    if (photo.__typename !== 'Photo') throw new Error(`expected a Photo, got ${photo.__typename}`);
    const title: string | null = photo.title;
    expect(title).toEqual(expect.any(String));
    expect(photo.photoId).toBe(DEMO.livePhotoId);
  });

  it('types the fragment on the Material interface as a union of the kinds', async () => {
    const { data } = await execute(stack.url, AssignmentMaterialsDocument, {
      orderId: 'ORD-1001',
      assignmentId: 'A2',
      productType: 'DOCUMENTS',
    }, headers);
    const nodes = data!.order!.assignment!.materials.edges.map((edge) => edge.node);
    // Narrowed on __typename, a node has its kind's fields (a document's file has a contentType).
    const documents = nodes.flatMap((node) => (node.__typename === 'DocumentMaterial' ? [node] : []));
    expect(documents).toHaveLength(nodes.length);
    expect(documents.map((document) => [document.file.contentType, document.pageCount])).toEqual([
      ['application/pdf', 2],
      ['application/pdf', 3],
      ['application/pdf', 4],
    ]);
  });

  it('rejects variables the document does not declare at compile time, and the gateway agrees', async () => {
    // @ts-expect-error PhotoById needs a projectId: this call does not compile.
    const { data, errors } = await execute(stack.url, PhotoByIdDocument, { id: DEMO.livePhotoId }, headers);
    expect(data).toBeUndefined();
    expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
  });
});
