/**
 * `.gitignore` patching on arbitrary existing files and env-file names: the
 * original text is kept as a prefix, a second run adds nothing, and git itself
 * (`git check-ignore`, in a real repository) agrees the env file is ignored.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitignoreAppendix, ignoreEntryFor } from '../../src/env/gitignore';
import { isEnvFile } from '../../src/env/paths';
import { createGitClient } from '../../src/git/client';
import { ignoredPaths } from '../../src/git/env-status';

/** Characters that mean something to gitignore or to a shell, plus non-ASCII. */
const nameChar = fc.constantFrom(...'ab.-_ *?[]\\#!:é€\t\r\n', '\uFEFF', ' ');
const namePart = fc.string({ unit: nameChar, minLength: 1, maxLength: 8 });

/** Env-file names as DESIGN.md defines them: `.env`, `.env.<suffix>`, `<name>.env`. */
const envName: fc.Arbitrary<string> = fc
  .oneof(
    fc.constant('.env'),
    namePart.map((s) => `.env.${s}`),
    namePart.map((s) => `${s}.env`),
    fc.constantFrom('.ENV', '.Env.local', '#x.env', '!x.env', ':x.env', 'x.env ', ' x.env', '[ab].env', '*.env', 'a\\b.env'),
  )
  .filter((n) => isEnvFile(n) && n !== '.' && n !== '..' && !n.includes('/'));

const folder = fc.constantFrom('', 'sub/', 'a b/c/', 'ü/');

const patternChar = fc.constantFrom(...'ab.-_*?[]/\\ #!e', 'nv', '.env');
const pattern = fc.string({ unit: patternChar, minLength: 1, maxLength: 10 });

/** One line of an existing .gitignore; `name` is the env file, to write rules about it. */
const line = (name: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(''),
    pattern.map((p) => `# ${p}`),
    pattern,
    pattern.map((p) => `!${p}`),
    fc.constantFrom(`!${name}`, `!**/${name}`, '!*.env', '!.env*', `${name}`, '*.env', `${name}   `, `\\${name}`, '/sub', 'sub/'),
  );

/** Whole existing files: LF, CRLF or mixed line ends, with or without a final newline, maybe a BOM. */
const existingFor = (name: string): fc.Arbitrary<string> =>
  fc
    .record({
      lines: fc.array(line(name), { maxLength: 8 }),
      eol: fc.constantFrom('\n', '\r\n', 'mixed'),
      finalNewline: fc.boolean(),
      bom: fc.boolean(),
    })
    .map(({ lines, eol, finalNewline, bom }) => {
      const eolAt = (i: number) => (eol === 'mixed' ? (i % 2 ? '\r\n' : '\n') : eol);
      const body = lines.map((l, i) => l + (i < lines.length - 1 || finalNewline ? eolAt(i) : '')).join('');
      return (bom ? '\uFEFF' : '') + body;
    });

const caseArb = envName.chain((name) => fc.record({ name: fc.constant(name), dir: folder, existing: existingFor(name) }));

describe('.gitignore patching (fast-check)', () => {
  test('original text is a prefix of the result, and applying twice equals applying once', () => {
    fc.assert(
      fc.property(caseArb, fc.array(envName, { maxLength: 3 }), ({ name, dir, existing }, others) => {
        const entries = [dir + name, ...others].map(ignoreEntryFor);
        const once = existing + gitignoreAppendix(existing, entries);
        expect(once.startsWith(existing)).toBe(true);
        expect(gitignoreAppendix(once, entries)).toBe('');
        // Every appended line is whole: the result ends with a line break whenever something was added.
        if (once !== existing) expect(once.endsWith('\n')).toBe(true);
        // CRLF files get CRLF lines.
        if (existing.includes('\r\n')) expect(once.slice(existing.length).replace(/\r\n/g, '')).not.toContain('\n');
      }),
      { numRuns: 2000 },
    );
  });

  describe('in a real repository', () => {
    let dir: string;
    const env = {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      HOME: tmpdir(),
      XDG_CONFIG_HOME: '/nonexistent',
    };
    for (const key of Object.keys(env)) if (/^GIT_(DIR|WORK_TREE|INDEX_FILE)$/.test(key)) delete env[key as keyof typeof env];

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'kf-prop-ignore-'));
      spawnSync('git', ['init', '-q', dir], { env });
      // The root .gitignore is the only source of rules.
      writeFileSync(join(dir, '.git', 'info', 'exclude'), '');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** git's own answer; a leading ':' is magic to check-ignore, './' keeps the path literal. */
    function gitSaysIgnored(path: string): boolean {
      const arg = path.startsWith(':') ? `./${path}` : path;
      const r = spawnSync('git', ['check-ignore', '-q', '--no-index', '--', arg], { cwd: dir, env });
      if (r.status !== 0 && r.status !== 1) throw new Error(`git check-ignore failed: ${String(r.stderr)}`);
      return r.status === 0;
    }

    test('git check-ignore agrees the env file is ignored after appending', async () => {
      const client = createGitClient(dir);
      await fc.assert(
        fc.asyncProperty(caseArb, async ({ name, dir: sub, existing }) => {
          const path = sub + name;
          const appendix = gitignoreAppendix(existing, [ignoreEntryFor(path)]);
          writeFileSync(join(dir, '.gitignore'), existing + appendix);
          const ignored = gitSaysIgnored(path);
          // keyfence's own reading of check-ignore (used by --fix and the hook) must agree with git.
          expect((await ignoredPaths(client, [path])).has(path)).toBe(ignored);
          if (appendix === '') {
            // The entry was already there: a later negation may legitimately re-include the file.
            const lines = existing.replace(/^\uFEFF/, '').split(/\r?\n/);
            const last = lines.lastIndexOf(ignoreEntryFor(path));
            if (lines.slice(last + 1).some((l) => l.startsWith('!'))) return;
          }
          expect({ name: JSON.stringify(path), existing: JSON.stringify(existing), ignored }).toEqual({
            name: JSON.stringify(path),
            existing: JSON.stringify(existing),
            ignored: true,
          });
        }),
        { numRuns: 150 },
      );
    }, 120_000);
  });
});
