/**
 * Streaming memory benchmark: the gateway's resident memory while a large file goes through it,
 * up (assetUpload) and down (Asset.contentUrl), against its idle memory, side by side with a
 * small file, plus throughput as a ratio to sending the same bytes straight to the simulator.
 *
 *   npm run bench:streaming                      # 1 GiB
 *   BENCH_FILE_BYTES=104857600 npm run bench:streaming
 *
 * Loopback only; the gateway runs as a child process (NODE_ENV=production) so its memory is its
 * own; the asset store simulator runs in this process and writes to a temp folder it removes.
 */
import { randomBytes } from 'node:crypto';
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { ASSETS_DEMO, startAssetsSimulator } from '../src/simulators/assets/server';
import { multipartBody } from '../src/upstream/assets/multipartBody';
import { rssKb, startGatewayProcess } from './gatewayProcess';

const LARGE = Number(process.env.BENCH_FILE_BYTES ?? 1024 ** 3);
const SMALL = 10 * 1024 ** 2;
const MiB = 1024 ** 2;

async function main(): Promise<void> {
  const simulator = await startAssetsSimulator();
  const gateway = await startGatewayProcess({
    ASSETS_BASE_URL: simulator.url,
    ASSETS_TOKEN: ASSETS_DEMO.token,
    UPLOAD_MAX_FILE_BYTES: String(Math.max(LARGE, SMALL) * 2),
  });
  try {
    await upload(gateway.url, SMALL); // warm up code paths and pools
    const idleKb = await rssKb(gateway.pid);
    const results = [];
    for (const size of [SMALL, LARGE]) {
      console.error(`${size / MiB} MiB: upload through the gateway…`);
      const up = await measure(gateway.pid, () => upload(gateway.url, size));
      console.error(`${size / MiB} MiB: download through the gateway…`);
      const down = await measure(gateway.pid, () => download(up.result.contentUrl));
      console.error(`${size / MiB} MiB: upload straight to the simulator…`);
      const direct = await timed(() => uploadDirect(simulator.url, size));
      results.push({
        sizeMiB: size / MiB,
        upload: { peakRssMiB: up.peakKb / 1024, overIdleMiB: (up.peakKb - idleKb) / 1024, mibPerSecond: size / MiB / up.seconds },
        download: { peakRssMiB: down.peakKb / 1024, overIdleMiB: (down.peakKb - idleKb) / 1024, mibPerSecond: size / MiB / down.seconds },
        directUploadMiBPerSecond: size / MiB / direct.seconds,
        uploadThroughputRatio: direct.seconds / up.seconds,
      });
    }
    const report = { machine: `${process.platform} ${process.arch}, node ${process.version}`, idleRssMiB: idleKb / 1024, results };
    const resultsDirectory = path.join(process.cwd(), 'bench', 'results');
    await mkdir(resultsDirectory, { recursive: true });
    await writeFile(path.join(resultsDirectory, 'streaming.json'), `${JSON.stringify(report, null, 2)}\n`);
    printTable(report);
  } finally {
    gateway.stop();
    await simulator.close();
  }
}

/** The 1 MiB pattern the files are made of, regenerated on the fly: nothing is held whole. */
function fileChunks(size: number): AsyncIterable<Uint8Array> {
  const block = randomBytes(MiB);
  return (async function* () {
    for (let sent = 0; sent < size; sent += MiB) yield block.subarray(0, Math.min(MiB, size - sent));
  })();
}

async function upload(url: string, size: number): Promise<{ contentUrl: string }> {
  const boundary = `----bench${randomBytes(6).toString('hex')}`;
  const operations = JSON.stringify({
    query: 'mutation($input: AssetUploadInput!) { assetUpload(input: $input) { asset { contentUrl } } }',
    variables: { input: { file: null, visibility: 'PRIVATE' } },
  });
  async function* body() {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n`);
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.input.file"]}\r\n`);
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="bench.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
    yield* fileChunks(size);
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'apollo-require-preflight': 'true' },
    body: Readable.from(body()),
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const answer = (await response.body.json()) as { data?: { assetUpload: { asset: { contentUrl: string } } }; errors?: unknown };
  if (!answer.data) throw new Error(`upload failed: ${JSON.stringify(answer.errors)}`);
  return answer.data.assetUpload.asset;
}

async function uploadDirect(simulatorUrl: string, size: number): Promise<void> {
  const body = multipartBody({ name: 'bench.bin' }, { field: 'file', filename: 'bench.bin', contentType: 'application/octet-stream', content: fileChunks(size) });
  const response = await request(`${simulatorUrl}/api/v1/partner/asset/upload/private`, {
    method: 'POST',
    headers: { 'content-type': body.contentType, authorization: `Bearer ${ASSETS_DEMO.token}` },
    body: body.stream,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  await response.body.dump();
}

async function download(url: string): Promise<void> {
  const response = await request(url, { headersTimeout: 0, bodyTimeout: 0 });
  if (response.statusCode !== 200) throw new Error(`download answered ${response.statusCode}`);
  for await (const chunk of response.body) void chunk;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Runs `work` while sampling the gateway's resident memory every 10 ms. */
async function measure<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; seconds: number; peakKb: number }> {
  let peakKb = await rssKb(pid);
  let running = true;
  const sampler = (async () => {
    while (running) {
      peakKb = Math.max(peakKb, await rssKb(pid));
      await sleep(10);
    }
  })();
  try {
    return { ...(await timed(work)), peakKb };
  } finally {
    running = false;
    await sampler;
  }
}

function printTable(report: { machine: string; idleRssMiB: number; results: Array<Record<string, unknown>> }): void {
  const f = (value: number) => value.toFixed(1);
  console.log(`${report.machine}; gateway idle RSS ${f(report.idleRssMiB)} MiB`);
  console.log('| file | upload peak RSS over idle | download peak RSS over idle | upload MiB/s | direct MiB/s | upload ratio |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const row of report.results as Array<{ sizeMiB: number; upload: { overIdleMiB: number; mibPerSecond: number }; download: { overIdleMiB: number }; directUploadMiBPerSecond: number; uploadThroughputRatio: number }>) {
    console.log(
      `| ${row.sizeMiB} MiB | ${f(row.upload.overIdleMiB)} MiB | ${f(row.download.overIdleMiB)} MiB | ${f(row.upload.mibPerSecond)} | ${f(row.directUploadMiBPerSecond)} | ${(row.uploadThroughputRatio * 100).toFixed(0)}% |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
