/**
 * `npm test` sets itself up (test/setup/prerequisites.cjs, Jest's globalSetup): with redis-server
 * on PATH it does nothing; without it, it installs Debian's package through apt-get (as root, or
 * through sudo that asks no password), and where it cannot, it fails at once with one line that
 * says what to run. Run here against a PATH of fake commands, so nothing is installed for real.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SCRIPT = path.join(__dirname, 'setup', 'prerequisites.cjs');

function fakeCommands(commands: Record<string, string>): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'mediagraph-path-'));
  for (const [name, body] of Object.entries(commands)) {
    writeFileSync(path.join(directory, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(directory, name), 0o755);
  }
  return directory;
}

function provision(pathDirectory: string) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [SCRIPT], { env: { PATH: pathDirectory }, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr, ms: performance.now() - started };
}

// apt-get that records what it was asked and, on install, puts a redis-server beside itself.
const APT_GET = [
  'echo "$*" >> "${0%/*}/apt.log"',
  'if [ "$1" = install ]; then printf "#!/bin/sh\\nexit 0\\n" > "${0%/*}/redis-server"; /bin/chmod +x "${0%/*}/redis-server"; fi',
].join('\n');
// sudo without a password: runs what it is given.
const SUDO = '[ "$1" = "-n" ] && shift\nexec "$@"';

describe('npm test provisions redis-server', () => {
  const directories: string[] = [];
  const fake = (commands: Record<string, string>) => {
    const directory = fakeCommands(commands);
    directories.push(directory);
    return directory;
  };
  afterAll(() => directories.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

  it('does nothing when redis-server is on PATH', () => {
    const outcome = provision(fake({ 'redis-server': 'exit 0', 'apt-get': 'exit 1' }));
    expect(outcome).toMatchObject({ status: 0, stderr: '' });
  });

  it("installs Debian's package when it is missing and apt-get may run", () => {
    const directory = fake({ 'apt-get': APT_GET, sudo: SUDO });
    const outcome = provision(directory);
    expect(outcome.status).toBe(0);
    expect(readFileSync(path.join(directory, 'apt.log'), 'utf8').trim().split('\n')).toEqual(['update', 'install -y --no-install-recommends redis-server']);
    expect(outcome.stderr).toContain("installing Debian's package");
  });

  it('fails within a second, in one line that says what to run, when it cannot install', () => {
    const outcome = provision(fake({}));
    expect(outcome.status).toBe(1);
    expect(outcome.ms).toBeLessThan(1_000);
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
    expect(outcome.stderr).toContain('sudo apt-get install -y redis-server');
  });

  it('fails with that line when the install fails', () => {
    const outcome = provision(fake({ 'apt-get': 'exit 100', sudo: SUDO }));
    expect(outcome.status).toBe(1);
    expect(outcome.stderr.trim().split('\n').at(-1)).toMatch(/^Installing redis-server failed .*sudo apt-get install -y redis-server/);
  });
});
