import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onDisk } from '../../src/git/work-tree-path';

/** A path under `top` from Latin-1 bytes, as a Buffer (no string names it). */
const bytesPath = (top: string, latin1: string) => Buffer.concat([Buffer.from(`${top}/`), Buffer.from(latin1, 'latin1')]);
/** The name git prints for those bytes, as keyfence decodes it. */
const decoded = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');

describe('onDisk: the on-disk path of a name git listed', () => {
  let top: string;
  beforeEach(() => {
    top = mkdtempSync(join(tmpdir(), 'keyfence-path-'));
  });
  afterEach(() => rmSync(top, { recursive: true, force: true }));

  test('a UTF-8 name is the plain joined path', () => {
    expect(onDisk(top, 'dir/café.txt')).toBe(join(top, 'dir/café.txt'));
  });

  test('a Latin-1 file in a Latin-1 folder is found by its bytes', () => {
    mkdirSync(bytesPath(top, 'd\xe9j\xe0'));
    writeFileSync(bytesPath(top, 'd\xe9j\xe0/caf\xe9.txt'), 'content\n');
    const path = onDisk(top, decoded('d\xe9j\xe0/caf\xe9.txt'));
    expect(Buffer.isBuffer(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('content\n');
  });

  test('two names that decode alike, or none, leave the decoded path (which does not open)', () => {
    writeFileSync(bytesPath(top, 'caf\xe9'), 'one');
    writeFileSync(bytesPath(top, 'caf\xe8'), 'two');
    expect(onDisk(top, decoded('caf\xe9'))).toBe(join(top, decoded('caf\xe9')));
    expect(onDisk(top, decoded('gone/\xff'))).toBe(join(top, decoded('gone/\xff')));
  });
});
