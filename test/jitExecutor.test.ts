import { DEMO } from '../src/simulators/acc/seed';
import { captureLogs } from './helpers/logCapture';
import { scrape, total } from './helpers/prometheus';
import { postGraphQL, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

/** The jit executor's own behaviour: graphql-js for what jit cannot compile, a bounded cache. */
describe('the jit executor (GRAPHQL_EXECUTOR=jit)', () => {
  const logs = captureLogs('debug');
  let stack: TestStack;
  let graphqlJs: string;
  beforeAll(async () => {
    stack = await startStack({ env: { GRAPHQL_JIT_CACHE_SIZE: '2' }, logger: logs.logger });
    graphqlJs = (await stack.replica({ GRAPHQL_EXECUTOR: 'graphql-js' })).gateway.url;
  });
  afterAll(() => stack.close());

  const sample = async (name: string, labels: Record<string, string> = {}) => total((await scrape(stack.url)).samples, name, labels);

  it('answers a document graphql-jit cannot compile through graphql-js, as graphql-js does, and says why once', async () => {
    // Two operations and no name: graphql-jit's compileQuery refuses it, graphql-js words the error.
    const query = 'query A { __typename } query B { __typename }';
    const before = await sample('mediagraph_graphql_executions_total', { executor: 'graphql-js' });
    const first = await stack.graphql(query);
    const second = await stack.graphql(query);
    const direct = await postGraphQL(graphqlJs, { query }, { authorization: `Bearer ${stack.tokens.full}`, 'x-acc-token': DEMO.token });
    for (const answer of [first, second]) {
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(direct.body);
    }
    expect(first.body.errors).toEqual([
      expect.objectContaining({ message: 'Must provide operation name if query contains multiple operations.', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }),
    ]);
    expect(await sample('mediagraph_graphql_executions_total', { executor: 'graphql-js' })).toBe(before + 2);
    const refusals = logs.lines().filter((line) => line.msg === 'graphql-jit cannot compile this document: graphql-js runs it');
    expect(refusals).toEqual([expect.objectContaining({ reason: 'Must provide operation name if query contains multiple operations.', operation: null })]);
    // Apollo could pick no operation: the client's mistake, at debug (a limit of jit's is a warn).
    expect(refusals[0]!.level).toBe('debug');
  });

  it('keeps at most GRAPHQL_JIT_CACHE_SIZE documents, and runs each on jit', async () => {
    const jitBefore = await sample('mediagraph_graphql_executions_total', { executor: 'jit' });
    const documents = ['{ a: __typename }', '{ b: __typename }', '{ c: __typename }', '{ a: __typename }'];
    for (const query of documents) {
      const { status, body } = await stack.graphql(query);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(await sample('mediagraph_graphql_jit_documents')).toBeLessThanOrEqual(2);
    }
    expect(await sample('mediagraph_graphql_jit_documents')).toBe(2);
    expect(await sample('mediagraph_graphql_executions_total', { executor: 'jit' })).toBe(jitBefore + documents.length);
  });
});
