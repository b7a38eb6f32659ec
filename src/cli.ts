#!/usr/bin/env node
/**
 * keyfence command line: parses arguments, routes to a command, and is the only
 * place that exits. Any error exits 2, which blocks a commit (fail closed).
 */
import { absolutizeGitEnvironment } from './git/env-paths';
import { makeStyle } from './report/style';
import { COMMANDS } from './commands/names';

const HELP = `keyfence — blocks API keys and unignored .env files before they reach a commit

Usage:
  keyfence [PATH...]       check the staged changes (what the pre-commit hook runs); with paths
                           (as lint-staged passes them), only the staged additions of those paths
  keyfence --fix           add env files to .gitignore and unstage them (files stay on disk)
  keyfence scan [--staged | --all | --since REV | --history [--all-refs]] [PATH...]
                [--format text|json|sarif|github] [--output FILE]
  keyfence init [--pre-push] [--no-husky]
                           wire the pre-commit hook (husky, or core.hooksPath with --no-husky),
                           then report keys already committed
  keyfence pre-push        scan the commits being pushed (refs on stdin, as git's pre-push hook)
  keyfence doctor          prove the installed hook really blocks a key, and say what is wrong if not
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

export type Format = 'text' | 'json' | 'sarif' | 'github';
const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'github'];

interface Options {
  command: string;
  paths: string[];
  format: Format;
  output: string | null;
  mode: 'staged' | 'all' | 'since' | 'history' | null;
  since: string | null;
  allRefs: boolean;
  prePush: boolean;
  noHusky: boolean;
  quiet: boolean;
  color: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    command: 'check',
    paths: [],
    format: 'text',
    output: null,
    mode: null,
    since: null,
    allRefs: false,
    prePush: false,
    noHusky: false,
    quiet: false,
    color: true,
  };
  let commandSet = false;
  let endOfOptions = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // After `--` everything is a path (lint-staged may pass a file named like an option).
    if (endOfOptions || arg === '--') {
      if (endOfOptions) o.paths.push(arg);
      endOfOptions = true;
      continue;
    }
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
      case '--since':
        o.mode = 'since';
        o.since = value();
        break;
      case '--history':
        o.mode = 'history';
        break;
      case '--all-refs':
        o.allRefs = true;
        break;
      case '--pre-push':
        o.prePush = true;
        break;
      case '--no-husky':
        o.noHusky = true;
        break;
      case '--format': {
        const f = value() as Format;
        if (!FORMATS.includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${f}"`);
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
        } else if (o.command === 'scan' || o.command === 'pre-push' || o.command === 'check') {
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

/** The command being run, so an error names the right way out. */
let running = 'check';

/** What an error blocked, and the one-off bypass for it. */
function bypassFor(command: string): string {
  if (command === 'check' || command === 'fix') {
    return 'keyfence could not check this commit, so it is blocked. Fix the cause above; to commit anyway, once: git commit --no-verify';
  }
  if (command === 'pre-push') {
    return 'keyfence could not check this push, so it is blocked. Fix the cause above; to push anyway, once: git push --no-verify';
  }
  return `keyfence ${command} stopped (exit 2). Fix the cause above and run it again.`;
}

async function main(argv: readonly string[]): Promise<number> {
  const opts = parseArgs(argv);
  running = opts.command;
  const out = (s: string) => process.stdout.write(s);
  const style = makeStyle(opts.color && !process.env.NO_COLOR && process.stdout.isTTY === true);
  if (opts.command === 'help') return out(HELP), 0;
  if (opts.command === 'version') return out(`${version()}\n`), 0;
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (opts.command === 'rules') {
    const { runRules } = require('./commands/rules') as typeof import('./commands/rules');
    if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError('rules supports --format text or json');
    return runRules(opts.format, out);
  }
  const cwd = process.cwd();
  absolutizeGitEnvironment(process.env, cwd);
  const { openRepo } = require('./commands/context') as typeof import('./commands/context');
  const ctx = await openRepo(cwd);
  switch (opts.command) {
    case 'check': {
      const { runCheck } = require('./commands/check') as typeof import('./commands/check');
      return runCheck(ctx, { out, style, quiet: opts.quiet }, opts.paths, cwd);
    }
    case 'fix': {
      const { runFix } = require('./commands/fix') as typeof import('./commands/fix');
      return runFix(ctx, out);
    }
    case 'scan': {
      const { runScan } = require('./commands/scan') as typeof import('./commands/scan');
      const mode = opts.mode ?? (opts.paths.length ? 'paths' : 'staged');
      if ((mode === 'staged' || mode === 'since' || mode === 'history') && opts.paths.length) {
        throw new UsageError(`--${mode} takes no paths`);
      }
      if (opts.allRefs && mode !== 'history') throw new UsageError('--all-refs goes with --history');
      const { toRepoPaths } = require('./commands/repo-paths') as typeof import('./commands/repo-paths');
      // Paths are typed relative to where the user stands; the scan speaks repo paths.
      const paths = toRepoPaths(ctx.top, cwd, opts.paths).map((p) => p || '.');
      return runScan(
        ctx,
        { mode: mode === 'all' && paths.length ? 'paths' : mode, paths, since: opts.since, allRefs: opts.allRefs, format: opts.format, output: opts.output, blocking: true },
        { out, style },
      );
    }
    case 'init': {
      const { runInit } = require('./commands/init') as typeof import('./commands/init');
      return runInit(ctx, cwd, { out, style }, { prePush: opts.prePush, noHusky: opts.noHusky });
    }
    case 'pre-push': {
      const { runPrePush } = require('./commands/pre-push') as typeof import('./commands/pre-push');
      return runPrePush(ctx, { out, style }, opts.paths);
    }
    case 'doctor': {
      const { runDoctor } = require('./commands/doctor') as typeof import('./commands/doctor');
      return runDoctor(ctx, cwd, out);
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
    // A hook line with a bad option blocks every commit: name the way out there too.
    process.stderr.write(
      `keyfence: ${message}\nRun \`keyfence --help\` for usage. In a git hook this blocks the commit; to commit anyway, once: git commit --no-verify\n`,
    );
    return 2;
  }
  const known = error instanceof Error && ['ConfigError', 'GitUnavailableError', 'InitError', 'PathError', 'FileChangedError'].includes(error.name || error.constructor.name);
  process.stderr.write(
    `keyfence: error: ${known ? message : `internal error: ${message}`}\n` +
      `${bypassFor(running)}\n`,
  );
  if (process.env.KEYFENCE_DEBUG && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
  return 2;
}

// A reader that goes away (`keyfence init | head -1`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

/**
 * Exits once stdout and stderr have taken everything written (a pipe may still be
 * draining): left to end by itself, node tears its whole environment down first,
 * ~1.5 ms of every commit spent on nothing the run needs.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(exitWhenFlushed, (error: unknown) => exitWhenFlushed(fail(error)));
