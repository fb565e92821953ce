import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { ASSETS_DEMO } from '../src/simulators/assets/server';
import { startMaterialsSimulator } from '../src/simulators/materials/server';
import { MATERIALS_DEMO, materialFileUrl } from '../src/simulators/materials/seed';
import { MaterialsStore } from '../src/simulators/materials/store';
import { assetPaths } from '../src/upstream/assets/model';
import { multipartBody } from '../src/upstream/assets/multipartBody';
import { benchAuthorization } from './benchCaller';
import { rssKb, startGatewayChild } from './childProcess';
import { median } from './stats';
import { measure, timed } from './streaming';

const MiB = 1024 ** 2;
const ORDER = 'BENCH-1';
const ASSIGNMENT = 'A1';

export interface ImportResult {
  sizeMiB: number;
  idleRssMiB: number;
  overIdleMiB: number;
  mibPerSecond: number;
  directMiBPerSecond: number;
  ratio: number;
}

const IMPORT = `mutation($input: AssetImportInput!) { assetImport(input: $input) { assetImport { id status } userErrors { code message } } }`;
const PROGRESS = `query($id: ID!) { assetImport(id: $id) { status bytesDone error { code message } asset { key } } }`;

/**
 * Scenario 8: a file imported vendor to vendor (a materials video into the asset store) through
 * the gateway's `assetImport`, side by side with the same bytes downloaded from the materials
 * simulator and uploaded to the store directly with undici (one stream piped into the other),
 * `runs` times with the order alternating; rates are medians, from the mutation to the import's
 * SUCCEEDED. Peak resident memory is sampled from the gateway process against its idle memory.
 */
export async function benchImports(assetsUrl: string, sizes: number[], runs: number): Promise<ImportResult[]> {
  const store = new MaterialsStore();
  for (const size of sizes) {
    const fileName = `bench-${size}.mp4`;
    store.add(ORDER, ASSIGNMENT, 'VIDEO', {
      id: materialId(size),
      type: 'VIDEO',
      url: materialFileUrl(ORDER, ASSIGNMENT, fileName),
      fileName,
      contentType: 'video/mp4',
      fileSize: size,
      createdAt: '2026-11-01T00:00:00Z',
      modifiedAt: '2026-11-01T00:00:00Z',
    });
  }
  const materials = await startMaterialsSimulator({ store });
  const gateway = await startGatewayChild({
    MATERIALS_BASE_URL: materials.url,
    MATERIALS_TOKEN: MATERIALS_DEMO.token,
    ASSETS_BASE_URL: assetsUrl,
    ASSETS_TOKEN: ASSETS_DEMO.token,
    UPLOAD_MAX_FILE_BYTES: String(Math.max(...sizes) * 2),
  });
  const url = gateway.ready.url;
  try {
    await importThroughGateway(url, Math.min(...sizes)); // warm up code paths and pools
    const idleKb = await rssKb(gateway.pid);
    const results: ImportResult[] = [];
    for (const size of sizes) {
      const through: Array<{ seconds: number; peakKb: number }> = [];
      const direct: number[] = [];
      for (let run = 1; run <= runs; run++) {
        console.error(`  ${size / MiB} MiB imported through the gateway and moved direct (run ${run} of ${runs})…`);
        const viaGateway = async () => through.push(await measure(gateway.pid, () => importThroughGateway(url, size)));
        const directly = async () => direct.push((await timed(() => moveDirect(materials.url, assetsUrl, size))).seconds);
        if (run % 2 === 0) {
          await directly();
          await viaGateway();
        } else {
          await viaGateway();
          await directly();
        }
      }
      const seconds = median(through.map((measured) => measured.seconds));
      const directSeconds = median(direct);
      results.push({
        sizeMiB: size / MiB,
        idleRssMiB: idleKb / 1024,
        overIdleMiB: (Math.max(...through.map((measured) => measured.peakKb)) - idleKb) / 1024,
        mibPerSecond: size / MiB / seconds,
        directMiBPerSecond: size / MiB / directSeconds,
        ratio: directSeconds / seconds,
      });
    }
    return results;
  } finally {
    gateway.stop();
    await materials.close();
  }
}

function materialId(size: number): string {
  return `bench-video-${size}`;
}

async function graphql<T>(url: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: benchAuthorization() },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.body.json()) as { data?: T; errors?: unknown };
  if (!answer.data) throw new Error(`${query.slice(0, 40)}… failed: ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

/** Starts the import, then polls it every 20 ms (cheap next to the transfer) until it ends. */
async function importThroughGateway(url: string, size: number): Promise<void> {
  const source = { material: { orderId: ORDER, assignmentId: ASSIGNMENT, productType: 'VIDEO', materialId: materialId(size) } };
  const started = await graphql<{ assetImport: { assetImport: { id: string } | null; userErrors: unknown[] } }>(url, IMPORT, { input: { source } });
  const job = started.assetImport.assetImport;
  if (!job) throw new Error(`import refused: ${JSON.stringify(started.assetImport.userErrors)}`);
  for (;;) {
    const { assetImport } = await graphql<{ assetImport: { status: string; error: unknown } }>(url, PROGRESS, { id: job.id });
    if (assetImport.status === 'SUCCEEDED') return;
    if (assetImport.status !== 'QUEUED' && assetImport.status !== 'RUNNING') throw new Error(`import ended ${assetImport.status}: ${JSON.stringify(assetImport.error)}`);
    await sleep(20);
  }
}

/** What a script with undici would do: the material's bytes piped straight into the store's upload. */
async function moveDirect(materialsUrl: string, assetsUrl: string, size: number): Promise<void> {
  const download = await request(`${materialsUrl}${materialFileUrl(ORDER, ASSIGNMENT, `bench-${size}.mp4`)}`, { headersTimeout: 0, bodyTimeout: 0 });
  if (download.statusCode !== 200) throw new Error(`download answered ${download.statusCode}`);
  const body = multipartBody({ name: 'bench.mp4' }, { field: 'file', filename: 'bench.mp4', contentType: 'video/mp4', content: download.body });
  const upload = await request(`${assetsUrl}${assetPaths.upload('private').path}`, {
    method: 'POST',
    headers: { 'content-type': body.contentType, authorization: `Bearer ${ASSETS_DEMO.token}` },
    body: body.stream,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  if (upload.statusCode >= 300) throw new Error(`upload answered ${upload.statusCode}`);
  await upload.body.dump();
}
