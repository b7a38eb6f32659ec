/**
 * Packs keyfence exactly as it would be published and installs the tarball,
 * with husky, into a template project that every end-to-end repo links to.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export default function globalSetup(): void {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    throw new Error('dist/cli.js is missing: run `npm test` (it builds first) or `npm run build`');
  }
  // A fresh folder per run: two test runs at once must not delete each other's tarball.
  const packDir = mkdtempSync(join(tmpdir(), 'keyfence-e2e-pack-'));
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', packDir], { cwd: ROOT, stdio: 'pipe' });
  const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
  const hash = createHash('sha256').update(readFileSync(tarball)).digest('hex').slice(0, 16);
  const template = join(tmpdir(), `keyfence-e2e-template-${hash}`);
  const huskyVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'husky', 'package.json'), 'utf8')) as { version: string }).version;
  if (!existsSync(join(template, 'node_modules', 'keyfence', 'dist', 'cli.js'))) {
    // Install beside it, then rename: a concurrent run never sees a half-installed template.
    const staging = mkdtempSync(`${template}-staging-`);
    writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'e2e-project', version: '1.0.0', private: true }, null, 2) + '\n');
    execFileSync(
      'npm',
      ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', tarball, `husky@${huskyVersion}`],
      { cwd: staging, stdio: 'pipe' },
    );
    // A template left half-installed by an interrupted run is replaced.
    if (!existsSync(join(template, 'node_modules', 'keyfence', 'dist', 'cli.js'))) rmSync(template, { recursive: true, force: true });
    try {
      renameSync(staging, template);
    } catch {
      // Another run finished first; its template is identical.
      rmSync(staging, { recursive: true, force: true });
    }
  }
  process.env.KEYFENCE_E2E_TEMPLATE = template;
  process.env.KEYFENCE_E2E_TARBALL = tarball;
}
