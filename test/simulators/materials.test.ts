import { request } from 'undici';
import { MATERIALS_DEMO } from '../../src/simulators/materials/seed';
import { startMaterialsSimulator } from '../../src/simulators/materials/server';
import type { MaterialsSimulator } from '../../src/simulators/materials/server';
import { materialsResponseSchema } from '../../src/upstream/materials/model';

describe('Materials simulator', () => {
  let simulator: MaterialsSimulator;
  beforeAll(async () => {
    simulator = await startMaterialsSimulator();
  });
  afterAll(() => simulator.close());

  async function get(query: string, token: string | null = MATERIALS_DEMO.token, path = `/orders/${MATERIALS_DEMO.orderId}/assignments/${MATERIALS_DEMO.assignmentId}/materials`) {
    const response = await request(`${simulator.url}${path}?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.statusCode, body: (await response.body.json()) as unknown };
  }

  it.each([[null], ['wrong-token']])('answers 401 to token %s', async (token) => {
    expect((await get('productType=VIDEO', token)).status).toBe(401);
  });

  it.each([
    ['no productType', ''],
    ['an unknown productType', 'productType=CATERING'],
    ['visualQuality with a video', 'productType=VIDEO&visualQuality=HD'],
    ['visualQuality with documents', 'productType=DOCUMENTS&visualQuality=WEB'],
    ['an unknown visualQuality', 'productType=GROUND_PHOTO&visualQuality=4K'],
    ['a modifiedSince that is not a date', 'productType=GROUND_PHOTO&modifiedSince=yesterday'],
  ])('answers 400 to %s', async (_what, query) => {
    expect((await get(query)).status).toBe(400);
  });

  it('answers 404 for an unknown order or assignment', async () => {
    expect((await get('productType=VIDEO', MATERIALS_DEMO.token, '/orders/ORD-0/assignments/A1/materials')).status).toBe(404);
    expect((await get('productType=VIDEO', MATERIALS_DEMO.token, `/orders/${MATERIALS_DEMO.orderId}/assignments/Z9/materials`)).status).toBe(404);
  });

  it('answers HD photos by default, WEB when asked, in the model the client parses', async () => {
    const hd = materialsResponseSchema.parse((await get('productType=GROUND_PHOTO')).body);
    const web = materialsResponseSchema.parse((await get('productType=GROUND_PHOTO&visualQuality=WEB')).body);
    expect(hd.materials.length).toBe(simulator.store.list(MATERIALS_DEMO.orderId, MATERIALS_DEMO.assignmentId, 'GROUND_PHOTO').length);
    expect(hd.materials.every((material) => material.type === 'PHOTO' && material.visualQuality === 'HD')).toBe(true);
    expect(web.materials.every((material) => material.type === 'PHOTO' && material.visualQuality === 'WEB')).toBe(true);
    expect(web.materials.map((material) => material.id)).toEqual(hd.materials.map((material) => material.id));
  });

  it('keeps materials modified at or after modifiedSince, the boundary included', async () => {
    const all = materialsResponseSchema.parse((await get('productType=GROUND_PHOTO')).body).materials;
    const pivot = all[10]!.modifiedAt;
    const since = materialsResponseSchema.parse((await get(`productType=GROUND_PHOTO&modifiedSince=${encodeURIComponent(pivot)}`)).body).materials;
    expect(since.map((material) => material.id)).toEqual(all.filter((material) => material.modifiedAt >= pivot).map((material) => material.id));
    expect(since.some((material) => material.modifiedAt === pivot)).toBe(true);
  });
});
