import { request } from 'undici';
import { DEMO } from '../src/simulators/acc/seed';
import { startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

describe('hostile input is refused before any vendor call', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { JSON_BODY_LIMIT_BYTES: '20000' } });
  });
  afterAll(() => stack.close());

  const vendorCalls = () => stack.acc.requests.length + stack.materials.requests.length + stack.contentHub.requests.length;

  async function refused(query: string): Promise<string> {
    const before = vendorCalls();
    const { status, body } = await stack.graphql(query, { p: DEMO.projectIds[0] });
    expect(status).toBe(400);
    expect(body.data ?? null).toBeNull();
    expect(vendorCalls()).toBe(before);
    return String(body.errors![0]!.message);
  }

  it('refuses queries deeper than 10', async () => {
    const deep = `query($p: ID!) { project(id: $p) { photos { nodes { project { photos { nodes { project { photos { nodes { project { photos { nodes { photoId } } } } } } } } } } } } }`;
    expect(await refused(deep)).toMatch(/depth/i);
  });

  it('refuses more than 15 aliases', async () => {
    const aliases = Array.from({ length: 16 }, (_, index) => `a${index}: project(id: $p) { projectId }`).join(' ');
    expect(await refused(`query($p: ID!) { ${aliases} }`)).toMatch(/alias/i);
  });

  it('refuses documents over 5000 tokens', async () => {
    const fields = Array.from({ length: 5100 }, () => 'x').join(' ');
    expect(await refused(`query($p: ID!) { ${fields} }`)).toMatch(/token/i);
  });

  it('refuses queries over the cost limit', async () => {
    const wide = Array.from({ length: 12 }, (_, index) => `p${index}: project(id: $p) { photos(first: 100) { edges { node { photoId title project { projectId photos(first: 1) { nodes { title } } } } } } }`).join(' ');
    expect(await refused(`query($p: ID!) { ${wide} }`)).toMatch(/cost/i);
    const { body } = await stack.graphql(`query($p: ID!) { ${wide} }`, { p: DEMO.projectIds[0] });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: { max: 5_000 } });
  });

  it('refuses a JSON body over the limit with PAYLOAD_TOO_LARGE', async () => {
    const response = await request(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(30_000) } }),
    });
    expect(response.statusCode).toBe(413);
    expect(await response.body.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('refuses batched HTTP requests', async () => {
    const response = await request(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.statusCode).toBe(400);
    await response.body.dump();
  });
});
