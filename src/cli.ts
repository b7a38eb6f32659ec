#!/usr/bin/env node
/**
 * keyfence command line: parses arguments, routes to a command, and is the only
 * place that exits. Any error exits 2, which blocks a commit (fail closed).
 */
import { absolutizeGitEnvironment } from './git/client';
import { makeStyle } from './report/style';

const HELP = `keyfence — blocks API keys and unignored .env files before they reach a commit

Usage:
  keyfence                 check the staged changes (what the pre-commit hook runs)
  keyfence --fix           add env files to .gitignore and unstage them (files stay on disk)
  keyfence scan [--staged | --all] [PATH...] [--format text|json] [--output FILE]
  keyfence init            wire husky's pre-commit hook, then report keys already committed
  keyfence baseline        accept the current findings (fingerprints only) in .keyfence-baseline.json
  keyfence rules [--format json]   list the credential formats keyfence knows

Options:
  --quiet, -q        print nothing on a clean check
  --no-color         no colours (also NO_COLOR=1)
  --help, -h         this help
  --version, -v      print the version

Exit codes: 0 nothing blocks, 1 blocked (secrets or env files), 2 usage, configuration or internal error.
Docs: README.md and docs/ in the package.
`;

class UsageError extends Error {}

interface Options {
  command: string;
  paths: string[];
  format: 'text' | 'json';
  output: string | null;
  mode: 'staged' | 'all' | null;
  quiet: boolean;
  color: boolean;
}

const COMMANDS = new Set(['check', 'fix', 'scan', 'init', 'baseline', 'rules', 'help', 'version']);

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { command: 'check', paths: [], format: 'text', output: null, mode: null, quiet: false, color: true };
  let commandSet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        o.command = 'help';
        commandSet = true;
        break;
      case '--version':
      case '-v':
        o.command = 'version';
        commandSet = true;
        break;
      case '--fix':
        o.command = 'fix';
        commandSet = true;
        break;
      case '--quiet':
      case '-q':
        o.quiet = true;
        break;
      case '--no-color':
        o.color = false;
        break;
      case '--staged':
        o.mode = 'staged';
        break;
      case '--all':
        o.mode = 'all';
        break;
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not "${f}"`);
        o.format = f;
        break;
      }
      case '--output':
      case '-o':
        o.output = value();
        break;
      default:
        if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}`);
        if (!commandSet && o.paths.length === 0 && COMMANDS.has(arg)) {
          o.command = arg;
          commandSet = true;
        } else if (o.command === 'scan') {
          o.paths.push(arg);
        } else {
          throw new UsageError(`unexpected argument "${arg}"`);
        }
    }
  }
  return o;
}

function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../package.json') as { version: string }).version;
}

async function main(argv: readonly string[]): Promise<number> {
  const opts = parseArgs(argv);
  const out = (s: string) => process.stdout.write(s);
  const style = makeStyle(opts.color && !process.env.NO_COLOR && process.stdout.isTTY === true);
  if (opts.command === 'help') return out(HELP), 0;
  if (opts.command === 'version') return out(`${version()}\n`), 0;
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (opts.command === 'rules') {
    const { runRules } = require('./commands/rules') as typeof import('./commands/rules');
    return runRules(opts.format, out);
  }
  const cwd = process.cwd();
  absolutizeGitEnvironment(process.env, cwd);
  const { openRepo } = require('./commands/context') as typeof import('./commands/context');
  const ctx = await openRepo(cwd);
  switch (opts.command) {
    case 'check': {
      const { runCheck } = require('./commands/check') as typeof import('./commands/check');
      return runCheck(ctx, { out, style, quiet: opts.quiet });
    }
    case 'fix': {
      const { runFix } = require('./commands/fix') as typeof import('./commands/fix');
      return runFix(ctx, out);
    }
    case 'scan': {
      const { runScan } = require('./commands/scan') as typeof import('./commands/scan');
      if (opts.mode === 'staged' && opts.paths.length) throw new UsageError('--staged takes no paths');
      const mode = opts.paths.length ? 'paths' : (opts.mode ?? 'staged');
      return runScan(ctx, { mode, paths: opts.paths, format: opts.format, output: opts.output, blocking: true }, { out, style });
    }
    case 'init': {
      const { runInit } = require('./commands/init') as typeof import('./commands/init');
      return runInit(ctx, cwd, { out, style });
    }
    case 'baseline': {
      const { runBaseline } = require('./commands/baseline') as typeof import('./commands/baseline');
      return runBaseline(ctx, out);
    }
    default:
      throw new UsageError(`unknown command ${opts.command}`);
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}

function fail(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) {
    process.stderr.write(`keyfence: ${message}\nRun \`keyfence --help\` for usage.\n`);
    return 2;
  }
  const known = error instanceof Error && ['ConfigError', 'GitUnavailableError', 'InitError'].includes(error.name || error.constructor.name);
  process.stderr.write(
    `keyfence: error: ${known ? message : `internal error: ${message}`}\n` +
      'keyfence could not check this commit, so it is blocked. Fix the cause above; to commit anyway, once: git commit --no-verify\n',
  );
  if (process.env.KEYFENCE_DEBUG && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = fail(error);
  },
);
