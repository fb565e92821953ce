import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GATEWAY_NODE_FLAGS } from '../../bench/childProcess';

const root = path.join(__dirname, '..', '..');

// The bench measures the gateway as it is deployed: the V8 flags of `npm start` and the image.
describe('the gateway runs with the same V8 flags everywhere', () => {
  it('npm start passes the bench gateway\'s flags to node', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toContain(`node ${GATEWAY_NODE_FLAGS.join(' ')} dist/src/main.js`);
  });

  it('the image runs node with the same flags', () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const command = /^CMD (\[.*\])$/m.exec(dockerfile.split('\n').filter((line) => line.startsWith('CMD ')).at(-1) ?? '');
    expect(JSON.parse(command![1]!)).toEqual(['node', ...GATEWAY_NODE_FLAGS, 'dist/src/main.js']);
  });
});
