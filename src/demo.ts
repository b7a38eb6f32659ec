/**
 * `npm run demo`: the whole user path in a scratch repository. keyfence is
 * installed from the tarball `npm pack` makes, wired with `keyfence init`, and
 * then a commit carrying a key and a .env is blocked, `--fix` runs, the key
 * moves to process.env, and the commit goes through. Not part of the package.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'keyfence-demo-'));
// No prompt in the demo: it shows the message a CI or GUI client gets.
const env = { ...process.env, CI: '1', GIT_CONFIG_NOSYSTEM: '1' };

function step(title: string): void {
  process.stdout.write(`\n\u001b[1m$ ${title}\u001b[22m\n`);
}

function run(command: string, args: string[], show = true): number {
  const result = spawnSync(command, args, { cwd: scratch, env, encoding: 'utf8' });
  if (show) process.stdout.write(result.stdout + result.stderr);
  return result.status ?? 1;
}

/** A synthetic key of Anthropic's shape, made at run time: no key sits in this file. */
function syntheticKey(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  let body = '';
  for (let i = 0; i < 93; i++) body += chars[randomInt(chars.length)];
  return ['sk', 'ant', 'api03', body].join('-') + 'AA';
}

function main(): void {
  process.stdout.write(`keyfence demo in ${scratch}\n`);
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch], { cwd: root, stdio: 'pipe' });
  const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'))!;
  run('git', ['init', '-q', '-b', 'main'], false);
  run('git', ['config', 'user.email', 'demo@example.com'], false);
  run('git', ['config', 'user.name', 'Demo'], false);
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'demo-app', version: '1.0.0', private: true }, null, 2) + '\n');
  writeFileSync(join(scratch, '.gitignore'), `node_modules\n${tarball}\n`);

  step('npm install --save-dev keyfence husky');
  const huskyVersion = (require(join(root, 'node_modules', 'husky', 'package.json')) as { version: string }).version;
  if (run('npm', ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', `./${tarball}`, `husky@${huskyVersion}`], false) !== 0) {
    throw new Error('npm install failed in the scratch repo');
  }
  step('npx keyfence init');
  run('npx', ['keyfence', 'init']);

  writeFileSync(join(scratch, 'client.js'), `const Anthropic = require('@anthropic-ai/sdk');\n\nconst client = new Anthropic({ apiKey: '${syntheticKey()}' });\n`);
  writeFileSync(join(scratch, '.env'), 'DATABASE_URL=postgres://localhost/dev\n');
  step('git add -A && git commit -m "add client"');
  run('git', ['add', '-A'], false);
  const blocked = run('git', ['commit', '-m', 'add client']);
  process.stdout.write(`(exit code ${blocked}: the commit was blocked)\n`);

  step('npx keyfence --fix');
  run('npx', ['keyfence', '--fix']);

  step('# move the key to the environment, then commit again');
  writeFileSync(join(scratch, 'client.js'), "const Anthropic = require('@anthropic-ai/sdk');\n\nconst client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });\n");
  run('git', ['add', 'client.js', '.gitignore'], false);
  const passed = run('git', ['commit', '-m', 'add client']);
  process.stdout.write(`(exit code ${passed}: the commit went through; .env stayed on disk and out of git)\n`);
  if (blocked === 0 || passed !== 0) process.exitCode = 1;
}

main();
