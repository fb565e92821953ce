import { spawn } from 'node:child_process';
import path from 'node:path';
import { request } from 'undici';
import { startGatewayProcess } from './helpers/gatewayProcess';
import type { GatewayProcess } from './helpers/gatewayProcess';
import { postGraphQL } from './helpers/stack';

const READ = '{ downloadOrder(id: "1001") { orderId } }';
const CREATE = 'mutation { downloadOrderCreate(input: { name: "demo", assets: [{ assetId: "42", download: { renditions: ["original"] } }] }) { downloadOrder { orderId } } }';

/** The token a startup line printed after `label` (the lines after the URL's may still be coming). */
async function printedToken(gateway: GatewayProcess, label: string): Promise<string> {
  const line = () => gateway.logs.map((entry) => String(entry.msg)).find((message) => message.startsWith(label));
  for (let waited = 0; !line() && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!line()) throw new Error(`no startup line "${label}"`);
  return line()!.slice(label.length).trim();
}

describe('npm start with no configuration', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGatewayProcess({ NODE_ENV: 'development', LOG_LEVEL: 'info' });
  });
  afterAll(() => gateway.stop());

  it('prints two demo tokens of its embedded issuer: every scope, and read-only', async () => {
    const full = await printedToken(gateway, 'Demo access token, every scope (preset in Apollo Sandbox):');
    const readOnly = await printedToken(gateway, 'Demo access token, read scopes only:');
    const as = (token: string | undefined, query: string) => postGraphQL(gateway.url, { query }, token ? { authorization: `Bearer ${token}` } : {});

    expect((await as(full, READ)).body).toMatchObject({ data: { downloadOrder: { orderId: '1001' } } });
    expect((await as(readOnly, READ)).body).toMatchObject({ data: { downloadOrder: { orderId: '1001' } } });
    expect((await as(undefined, READ)).body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await as(full, CREATE)).body.errors).toBeUndefined();
    const refused = await as(readOnly, CREATE);
    expect(refused.body.errors!.map((error) => error.extensions!.code)).toEqual(['FORBIDDEN']);
  });

  it('presets the every-scope token in Apollo Sandbox’s headers', async () => {
    const full = await printedToken(gateway, 'Demo access token, every scope (preset in Apollo Sandbox):');
    const page = await request(gateway.url, { headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(await page.body.text()).toContain(`Bearer ${full}`);
  });
});

describe('NODE_ENV=production without a token issuer', () => {
  it('refuses to start, saying what to set, unless AUTH_DISABLED=true says so', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: path.resolve(__dirname, '..'),
      env: { PATH: process.env.PATH ?? '', PORT: '0', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE: production needs the issuer');
    expect(output).toContain('AUTH_DISABLED=true');

    const disabled = await startGatewayProcess({ NODE_ENV: 'production', AUTH_DISABLED: 'true', LOG_LEVEL: 'info' });
    try {
      expect(disabled.logs).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringContaining('AUTH_DISABLED=true: every caller is served as the gateway') }));
      expect((await postGraphQL(disabled.url, { query: READ })).body).toMatchObject({ data: { downloadOrder: { orderId: '1001' } } });
    } finally {
      await disabled.stop();
    }
  });
});
