import { request } from 'undici';
import { expectHealthy } from './helpers/health';
import { bytesFile, multipartRequest, sha256Of } from './helpers/multipart';
import { bearer, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const UPLOAD = `mutation($input: AssetUploadInput!) { assetUpload(input: $input) { asset { key contentUrl } userErrors { code } } }`;
const SANDBOX = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";

/** Uploaded files are served from the gateway's own origin: none may run there as a page (stored XSS). */
describe('asset content served from the gateway origin', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  async function uploadAndFetch(filename: string, contentType: string, content: string | Buffer) {
    const file = bytesFile(filename, Buffer.from(content), contentType);
    const uploaded = await multipartRequest(stack.url, { query: UPLOAD, variables: { input: { file: null, visibility: 'PUBLIC' } } }, { 0: ['variables.input.file'] }, [file], {
      headers: bearer(stack.tokens.full),
    });
    const body = (await uploaded.body.json()) as { data: { assetUpload: { asset: { key: string; contentUrl: string } } } };
    const { key, contentUrl } = body.data.assetUpload.asset;
    expect(stack.assets.store.get(key)!.contentType).toBe(contentType);
    const served = await request(contentUrl);
    return { served, bytes: Buffer.from(await served.body.arrayBuffer()), file };
  }

  it.each([
    ['an HTML page', 'page.html', 'text/html', '<!doctype html><script>fetch("/graphql",{method:"POST"})</script>'],
    ['an SVG with a script', 'logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>'],
    ['an XHTML page', 'page.xhtml', 'application/xhtml+xml', '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'],
    ['a PDF', 'brief.pdf', 'application/pdf', '%PDF-1.4\n'],
    ['a script', 'app.js', 'text/javascript', 'alert(1)'],
  ])('serves %s as a sandboxed download that is never sniffed', async (_what, filename, contentType, content) => {
    const { served, bytes, file } = await uploadAndFetch(filename, contentType, content);
    expect(served.statusCode).toBe(200);
    expect(served.headers).toMatchObject({
      'content-type': contentType,
      'content-disposition': 'attachment',
      'x-content-type-options': 'nosniff',
      'content-security-policy': SANDBOX,
    });
    expect(sha256Of(bytes)).toBe(sha256Of(file.content));
  });

  it.each([
    ['a PNG', 'photo.png', 'image/png', Buffer.from('89504e470d0a1a0a', 'hex')],
    ['plain text', 'notes.txt', 'text/plain', 'golden hour, lights on'],
    ['a video', 'walkthrough.mp4', 'video/mp4', Buffer.alloc(64)],
  ])('shows %s inline, still sandboxed and never sniffed', async (_what, filename, contentType, content) => {
    const { served } = await uploadAndFetch(filename, contentType, content);
    expect(served.statusCode).toBe(200);
    expect(served.headers).toMatchObject({
      'content-disposition': 'inline',
      'x-content-type-options': 'nosniff',
      'content-security-policy': SANDBOX,
    });
  });

  it('sends the same guards on refusals', async () => {
    const forged = await request(`${new URL(stack.url).origin}/assets/any/content?expires=1&signature=forged`);
    expect(forged.statusCode).toBe(403);
    expect(forged.headers['x-content-type-options']).toBe('nosniff');
    expect(forged.headers['content-security-policy']).toBe(SANDBOX);
    await forged.body.dump();
    await expectHealthy(stack);
  });
});
