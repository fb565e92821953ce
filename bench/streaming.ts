import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { ASSETS_DEMO } from '../src/simulators/assets/server';
import { assetPaths } from '../src/upstream/assets/model';
import { multipartBody } from '../src/upstream/assets/multipartBody';
import { rssKb, startGatewayChild } from './childProcess';
import { median } from './stats';
import { benchAuthorization } from './benchCaller';

const MiB = 1024 ** 2;

export interface StreamingResult {
  sizeMiB: number;
  idleRssMiB: number;
  upload: { overIdleMiB: number; mibPerSecond: number; directMiBPerSecond: number; ratio: number };
  download: { overIdleMiB: number; mibPerSecond: number; directMiBPerSecond: number; ratio: number };
}

/**
 * Scenario 7: files through the gateway, up (assetUpload) and down (Asset.contentUrl), each size
 * side by side with the same bytes sent straight to the asset store simulator with undici, `runs`
 * times with the order of gateway and direct alternating; rates are medians. Peak resident
 * memory is sampled from a fresh gateway process, against its idle memory (the highest peak).
 */
export async function benchStreaming(assetsUrl: string, sizes: number[], runs: number): Promise<StreamingResult[]> {
  const gateway = await startGatewayChild(
    { ASSETS_BASE_URL: assetsUrl, ASSETS_TOKEN: ASSETS_DEMO.token, UPLOAD_MAX_FILE_BYTES: String(Math.max(...sizes) * 2) },
  );
  const url = gateway.ready.url;
  try {
    await upload(url, MiB); // warm up code paths and pools
    const idleKb = await rssKb(gateway.pid);
    const results: StreamingResult[] = [];
    for (const size of sizes) {
      const rounds: Array<{ up: Measured; directUp: number; down: Measured; directDown: number }> = [];
      for (let run = 1; run <= runs; run++) {
        console.error(`  ${size / MiB} MiB up and down, through the gateway and direct (run ${run} of ${runs})…`);
        const directFirst = run % 2 === 0;
        const sideBySide = async <T>(viaGateway: () => Promise<T>, direct: () => Promise<unknown>): Promise<[T, number]> => {
          if (directFirst) {
            const directSeconds = (await timed(direct)).seconds;
            return [await viaGateway(), directSeconds];
          }
          const through = await viaGateway();
          return [through, (await timed(direct)).seconds];
        };
        const [up, directUp] = await sideBySide(() => measure(gateway.pid, () => upload(url, size)), () => uploadDirect(assetsUrl, size));
        const [down, directDown] = await sideBySide(
          () => measure(gateway.pid, () => download(up.result.contentUrl)),
          () => download(`${assetsUrl}${assetPaths.content(up.result.key).path}`, { authorization: `Bearer ${ASSETS_DEMO.token}` }),
        );
        rounds.push({ up, directUp, down, directDown });
      }
      const rate = (seconds: number) => size / MiB / seconds;
      const direction = (through: Measured[], direct: number[]) => {
        const seconds = median(through.map((measured) => measured.seconds));
        const directSeconds = median(direct);
        return {
          overIdleMiB: (Math.max(...through.map((measured) => measured.peakKb)) - idleKb) / 1024,
          mibPerSecond: rate(seconds),
          directMiBPerSecond: rate(directSeconds),
          ratio: directSeconds / seconds,
        };
      };
      results.push({
        sizeMiB: size / MiB,
        idleRssMiB: idleKb / 1024,
        upload: direction(rounds.map((round) => round.up), rounds.map((round) => round.directUp)),
        download: direction(rounds.map((round) => round.down), rounds.map((round) => round.directDown)),
      });
    }
    return results;
  } finally {
    gateway.stop();
  }
}

type Measured = { seconds: number; peakKb: number };

/** The 1 MiB pattern the files are made of, regenerated on the fly: nothing is held whole. */
function fileChunks(size: number): AsyncIterable<Uint8Array> {
  const block = randomBytes(MiB);
  return (async function* () {
    for (let sent = 0; sent < size; sent += MiB) yield block.subarray(0, Math.min(MiB, size - sent));
  })();
}

export async function upload(url: string, size: number): Promise<{ key: string; contentUrl: string }> {
  const operations = JSON.stringify({
    query: 'mutation($input: AssetUploadInput!) { assetUpload(input: $input) { asset { key contentUrl } } }',
    variables: { input: { file: null, visibility: 'PRIVATE' } },
  });
  // Built as the direct upload's body is, so the two differ only by the gateway in between.
  const body = multipartBody(
    { operations, map: '{"0":["variables.input.file"]}' },
    { field: '0', filename: 'bench.bin', contentType: 'application/octet-stream', content: Readable.from(fileChunks(size), { objectMode: false }) },
  );
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': body.contentType, 'apollo-require-preflight': 'true', authorization: benchAuthorization() },
    body: body.stream,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const answer = (await response.body.json()) as { data?: { assetUpload: { asset: { key: string; contentUrl: string } } }; errors?: unknown };
  if (!answer.data) throw new Error(`upload failed: ${JSON.stringify(answer.errors)}`);
  return answer.data.assetUpload.asset;
}

async function uploadDirect(simulatorUrl: string, size: number): Promise<void> {
  const body = multipartBody({ name: 'bench.bin' }, { field: 'file', filename: 'bench.bin', contentType: 'application/octet-stream', content: Readable.from(fileChunks(size), { objectMode: false }) });
  const response = await request(`${simulatorUrl}/api/v1/partner/asset/upload/private`, {
    method: 'POST',
    headers: { 'content-type': body.contentType, authorization: `Bearer ${ASSETS_DEMO.token}` },
    body: body.stream,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  await response.body.dump();
}

export async function download(url: string, headers: Record<string, string> = {}): Promise<void> {
  const response = await request(url, { headers, headersTimeout: 0, bodyTimeout: 0 });
  if (response.statusCode !== 200) throw new Error(`download answered ${response.statusCode}`);
  for await (const chunk of response.body) void chunk;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Runs `work` while sampling the gateway's resident memory every 10 ms. */
export async function measure<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; seconds: number; peakKb: number }> {
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
