#!/usr/bin/env node
/**
 * The Dockerfile's runtime image, checked without a Docker engine (CI has none): the final
 * stage's layout is rebuilt in a temporary folder (production dependencies only, installed as the
 * `production-dependencies` stage does; dist/src, schema/ and package.json), then the image's CMD
 * is started with the image's environment, the README's first query must answer from the embedded
 * simulators, its HEALTHCHECK command must pass, and SIGTERM must drain and exit 0. This catches a runtime import of a dev dependency, a file the image does not
 * copy, and a broken health check. Expects `npm run build` to have run.
 */
const { execFileSync, spawn } = require('node:child_process');
const { cpSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { createInterface } = require('node:readline');

const root = path.resolve(__dirname, '..');
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
/** The JSON-array form of an instruction of the final stage, e.g. CMD ["node", "dist/src/main.js"]. */
const execForm = (pattern) => {
  const match = pattern.exec(dockerfile);
  if (!match) throw new Error(`Dockerfile: no ${pattern}`);
  return JSON.parse(match[1]);
};
const command = execForm(/^CMD (\[.*\])$/m);
const healthCheck = execForm(/^HEALTHCHECK .*?CMD (\[.*\])$/m);

const image = mkdtempSync(path.join(tmpdir(), 'mediagraph-image-'));
const fail = (message) => {
  console.error(`image smoke: ${message}`);
  process.exitCode = 1;
};

async function main() {
  for (const file of ['package.json', 'package-lock.json', '.npmrc']) cpSync(path.join(root, file), path.join(image, file));
  execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: image, stdio: ['ignore', 'ignore', 'inherit'] });
  cpSync(path.join(root, 'dist', 'src'), path.join(image, 'dist', 'src'), { recursive: true });
  cpSync(path.join(root, 'schema'), path.join(image, 'schema'), { recursive: true });

  // The image's ENV, on loopback and a free port instead of 0.0.0.0:4000.
  // Production refuses to start without a token issuer; the smoke runs as behind a router that
  // authenticates (AUTH_DISABLED=true), the one setting the image cannot choose for its operator.
  const env = { PATH: process.env.PATH, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', AUTH_DISABLED: 'true' };
  const server = spawn(command[0], command.slice(1), { cwd: image, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => server.once('exit', (code) => resolve(code)));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('did not start within 30 s')), 30_000);
    createInterface({ input: server.stdout }).on('line', (line) => {
      const { url: started } = JSON.parse(line);
      if (started) {
        clearTimeout(timer);
        resolve(started);
      }
    });
    exited.then((code) => reject(new Error(`exited with ${code} before it started`)));
  });
  const port = new URL(url).port;

  // The README's first query: the embedded ACC simulator must ship in the image too.
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-acc-token': 'demo-token' },
    body: JSON.stringify({ query: '{ project(id: "0f4c6e2a-7b1d-4e8f-9a3c-5d2e1f0a9b01") { photos(first: 3) { nodes { title } } } }' }),
  });
  const { data, errors } = await response.json();
  if (errors || data?.project?.photos?.nodes?.length !== 3) fail(`query answered ${response.status} ${JSON.stringify(errors ?? data)}`);

  const health = spawn(healthCheck[0], healthCheck.slice(1), { cwd: image, env: { ...env, PORT: port }, stdio: 'inherit' });
  const healthCode = await new Promise((resolve) => health.once('exit', resolve));
  if (healthCode !== 0) fail(`HEALTHCHECK exited ${healthCode}`);

  server.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still running 10 s after SIGTERM'), 10_000))]);
  if (code !== 0) {
    server.kill('SIGKILL');
    fail(`CMD after SIGTERM: ${code}`);
  }
  if (!process.exitCode) console.log(`image smoke: production dependencies only, CMD served ${url} (3 photos from the embedded simulator), HEALTHCHECK passed, SIGTERM exit 0`);
}

main()
  .catch((error) => fail(error.message))
  .finally(() => rmSync(image, { recursive: true, force: true }));
