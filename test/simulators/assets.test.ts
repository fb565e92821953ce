import { request } from 'undici';
import { ASSETS_DEMO, startAssetsSimulator } from '../../src/simulators/assets/server';
import type { AssetsSimulator } from '../../src/simulators/assets/server';
import { companyAssetSchema } from '../../src/upstream/assets/model';

describe('asset store simulator', () => {
  let simulator: AssetsSimulator;
  beforeAll(async () => {
    simulator = await startAssetsSimulator();
  });
  afterAll(() => simulator.close());

  const auth = { authorization: `Bearer ${ASSETS_DEMO.token}` };

  async function upload(visibility: string, form: FormData, headers: Record<string, string> = auth) {
    const response = await fetch(`${simulator.url}/api/v1/partner/asset/upload/${visibility}`, { method: 'POST', body: form, headers });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  const form = (content: string, type = 'text/plain') => {
    const data = new FormData();
    data.set('name', 'Notes');
    data.set('file', new Blob([content], { type }), 'notes.txt');
    return data;
  };

  it('answers a CompanyAsset in the model the client parses, for both visibilities', async () => {
    for (const [visibility, secured] of [['private', true], ['public', false]] as const) {
      const { status, body } = await upload(visibility, form('hello'));
      expect(status).toBe(200);
      const asset = companyAssetSchema.parse(body);
      expect(asset).toMatchObject({ name: 'Notes', secured, type: 'DOCUMENT' });
      expect(simulator.store.get(asset.key!)!.size).toBe(5);
    }
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer nope' }],
  ])('refuses an upload with %s (401)', async (_what, headers) => {
    expect((await upload('private', form('x'), headers)).status).toBe(401);
  });

  it('refuses a body without a file, an unknown visibility and refused content types', async () => {
    const noFile = new FormData();
    noFile.set('name', 'nothing');
    expect((await upload('private', noFile)).status).toBe(400);
    expect((await upload('secret', form('x'))).status).toBe(404);
    expect((await upload('private', form('MZ', 'application/x-msdownload'))).status).toBe(400);
  });

  it('serves bytes with cache headers, 304 on a match, and private assets only with the token', async () => {
    const url = (key: string) => `${simulator.url}/api/v1/partner/asset/${key}`;
    const open = await request(url(ASSETS_DEMO.publicKey));
    await open.body.dump();
    expect(open.statusCode).toBe(200);
    expect(open.headers['cache-control']).toBe('public, max-age=2592000');
    const cached = await request(url(ASSETS_DEMO.publicKey), { headers: { 'if-none-match': String(open.headers.etag) } });
    await cached.body.dump();
    expect(cached.statusCode).toBe(304);

    const anonymous = await request(url(ASSETS_DEMO.privateKey));
    await anonymous.body.dump();
    expect(anonymous.statusCode).toBe(401);
    const withToken = await request(url(ASSETS_DEMO.privateKey), { headers: auth });
    expect(await withToken.body.text()).toContain('Shoot brief');
    const missing = await request(url('nope'));
    await missing.body.dump();
    expect(missing.statusCode).toBe(404);
  });

  it('answers uploads without the fields it is told to leave out, and keeps the asset', async () => {
    const sparse = await startAssetsSimulator({ uploadAnswerOmits: ['key', 'name', 'created'] });
    try {
      const before = sparse.store.size;
      const response = await fetch(`${sparse.url}/api/v1/partner/asset/upload/private`, { method: 'POST', body: form('hello'), headers: auth });
      const answer = (await response.json()) as Record<string, unknown>;
      expect(response.status).toBe(200);
      for (const field of ['key', 'name', 'created']) expect(answer).not.toHaveProperty(field);
      expect(answer).toMatchObject({ id: expect.any(String), secured: true, type: 'DOCUMENT' });
      expect(sparse.store.size).toBe(before + 1);
    } finally {
      await sparse.close();
    }
  });
});
