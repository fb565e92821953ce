import { DEMO } from '../src/simulators/acc/seed';
import { MATERIALS_DEMO } from '../src/simulators/materials/seed';
import { startStack } from './helpers/stack';

describe('one vendor down', () => {
  it('fails only its own fields, fast, while the others answer', async () => {
    const stack = await startStack({ env: { UPSTREAM_BREAKER_FAILURES: '2' } });
    try {
      await stack.materials.close();
      const query = `query($p: ID!, $o: ID!, $a: ID!) {
        project(id: $p) { photos(first: 2) { nodes { photoId } } }
        order(id: $o) { assignment(id: $a) { materials(productType: VIDEO) { totalCount } } }
      }`;
      const variables = { p: DEMO.projectIds[0], o: MATERIALS_DEMO.orderId, a: MATERIALS_DEMO.assignmentId };
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const started = Date.now();
        const { status, body } = await stack.graphql<{ project: { photos: { nodes: unknown[] } }; order: { assignment: unknown } }>(query, variables);
        expect(status).toBe(200);
        expect(body.data!.project.photos.nodes).toHaveLength(2);
        expect(body.data!.order.assignment).toBeNull();
        expect(body.errors!.map((error) => error.extensions!.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
        expect(body.errors![0]!.extensions!.upstream).toBe('materials');
        expect(Date.now() - started).toBeLessThan(2_000);
      }
    } finally {
      await stack.close();
    }
  });
});
