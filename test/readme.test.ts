import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

/** The README's example queries run as written against the demo data. */
const examples = [...readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map(
  (match) => match[1]!,
);

describe('README examples', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('has the three photo examples, the materials ones and the download orders one', () => {
    expect(examples).toHaveLength(6);
  });

  it.each(examples.map((query) => [query.split('\n')[0], query]))('%s answers without errors', async (_title, query) => {
    const { body } = await stack.graphql(query);
    expect(body.errors).toBeUndefined();
  });

  it('shows what the examples promise', async () => {
    const [one, walk, refetch, deliverables] = examples as [string, string, string, string];
    const photo = (await stack.graphql<{ photo: { __typename: string; signedUrls: { expiresAt: string } } }>(one)).body.data!.photo;
    expect(photo.__typename).toBe('Photo');
    expect(Date.parse(photo.signedUrls.expiresAt)).toBeGreaterThan(Date.now());
    const page = (await stack.graphql<{ project: { photos: { edges: Array<{ node: { mediaType: string } }> } } }>(walk)).body.data!;
    expect(page.project.photos.edges.length).toBeGreaterThan(0);
    expect(page.project.photos.edges.every(({ node }) => ['VIDEO', 'PHOTOSPHERE'].includes(node.mediaType))).toBe(true);
    const nodes = (await stack.graphql<{ nodes: Array<{ __typename: string }> }>(refetch)).body.data!.nodes;
    expect(nodes.map((node) => node.__typename)).toEqual(['Photo', 'DeletedPhoto', 'Project']);
    type Kinds = Record<string, { nodes: Array<{ __typename: string }> }>;
    const assignment = (await stack.graphql<{ order: { assignment: Kinds } }>(deliverables)).body.data!.order.assignment;
    const kinds = Object.fromEntries(Object.entries(assignment).map(([alias, list]) => [alias, new Set(list.nodes.map((node) => node.__typename))]));
    expect(kinds).toEqual({
      photos: new Set(['PhotoMaterial']),
      tour: new Set(['ResultLink']),
      plans: new Set(['DocumentMaterial']),
      video: new Set(['VideoMaterial']),
    });
  });
});
