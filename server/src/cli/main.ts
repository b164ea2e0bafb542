import { parseArgs, ParseArgsConfig } from 'node:util';
import { CheckOptions, runCheck } from './check-command';
import { UsageError } from '../node/disk';
import { runExport } from './export-command';
import { runFormat } from './format-command';
import { runRules } from './rules-command';
import { Terminal } from './terminal';

declare const MOAT_VERSION: string | undefined;
const version = typeof MOAT_VERSION === 'string' ? MOAT_VERSION : '0.0.0-dev';

const usage = `moat — threat models as code

Usage:
  moat check [PATH...]           parse and link the .moat files or folders (default: .) and report problems
  moat format [PATH...] [--check]  rewrite files in the canonical format; --check lists files that would change
  moat rules                     the built-in rule catalogue (--format text|json|markdown)
  moat export MODEL [-o FILE]    the diagram of a .moat file (--format svg|png|dot, default svg; png needs -o; --theme light|dark|vscode)
  moat lsp --stdio               the language server, for any LSP client

Options:
  --format FORMAT      check: text|json; rules: text|json|markdown (default: text); export: svg|png|dot (default: svg)
  -o, --output FILE    export: write to FILE instead of stdout
  --fail-on LEVEL      low|medium|high|critical|none: open findings at or above it fail check (default: high)
  --quiet              print errors only
  --no-color           plain output (also when NO_COLOR is set or output is not a terminal)
  --debug              show stack traces of internal errors
  -h, --help           this help
  -v, --version        the version

Exit status: 0 clean, 1 errors or failing findings, 2 usage error or unreadable input.`;

const options = {
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  output: { type: 'string', short: 'o' },
  theme: { type: 'string' },
  check: { type: 'boolean' },
  quiet: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} satisfies ParseArgsConfig['options'];

/** Runs the CLI with the given arguments; returns the exit status instead of exiting, so tests can call it. */
export function runCli(argv: readonly string[], term: Terminal): number | Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    term.err(`moat: ${(error as Error).message}\nRun \`moat --help\` for usage.`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    term.out(version);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (values.help || command === undefined || command === 'help') {
    term.out(usage);
    return command === undefined && !values.help ? 2 : 0;
  }
  try {
    switch (command) {
      case 'check': {
        const format = values.format ?? 'text';
        if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json for check, not \`${format}\``);
        const failOn = values['fail-on'] ?? 'high';
        if (!['low', 'medium', 'high', 'critical', 'none'].includes(failOn)) throw new UsageError(`--fail-on must be low, medium, high, critical or none, not \`${failOn}\``);
        return runCheck(term, { paths, format, quiet: values.quiet ?? false, failOn: failOn as CheckOptions['failOn'] });
      }
      case 'format':
        return runFormat(term, { paths, check: values.check ?? false });
      case 'rules': {
        const format = values.format ?? 'text';
        if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new UsageError(`--format must be text, json or markdown for rules, not \`${format}\``);
        if (paths.length) throw new UsageError('`moat rules` takes no paths');
        return runRules(term, format);
      }
      case 'export':
        return runExport(term, { paths, format: values.format ?? 'svg', output: values.output, theme: values.theme ?? 'light', debug: values.debug ?? false });
      default:
        throw new UsageError(`unknown command \`${command}\`; the commands are check, format, rules and export`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      term.err(`moat: ${error.message}`);
      return 2;
    }
    term.err(`moat: internal error: ${(error as Error).message}${values.debug ? `\n${(error as Error).stack}` : ' (run with --debug for details)'}`);
    return 2;
  }
}

/** Process entry: wires the real terminal and exits with the command's status. */
export function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === 'lsp') {
    // The transport flags (`--stdio`, `--node-ipc`, `--clientProcessId=N`) are read by vscode-languageserver itself.
    if (!argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
      process.stderr.write('moat: `moat lsp` needs a transport: --stdio\n');
      process.exitCode = 2;
      return;
    }
    // Loaded only here: the language server and its protocol library are not needed by `check` and the rest.
    void import('../lsp/server').then((m) => m.startLanguageServer());
    return;
  }
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR && !argv.includes('--no-color');
  // A report of a large model is thousands of lines: written a chunk at a time, not a system call a line.
  let pending: string[] = [];
  let pendingLength = 0;
  // A reader that stops early (`moat check | head`) closes the pipe: the rest of the report is not
  // wanted, and the command still ends with its own status. Any other failure to write is one line.
  let readerGone = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      readerGone = true;
      return;
    }
    process.stderr.write(`moat: cannot write to standard output: ${error.message}\n`);
    process.exit(2);
  });
  const flush = (): void => {
    if (pending.length === 0) return;
    if (!readerGone) process.stdout.write(pending.join(''));
    pending = [];
    pendingLength = 0;
  };
  const status = runCli(argv, {
    out: (line) => {
      pending.push(line, '\n');
      pendingLength += line.length + 1;
      if (pendingLength >= 1 << 16) flush();
    },
    err: (line) => {
      // What went to standard output before an error stays before it.
      flush();
      process.stderr.write(line + '\n');
    },
    color,
    cwd: process.cwd(),
  });
  // `export` lays out asynchronously; the other commands return their status at once.
  if (typeof status === 'number') {
    flush();
    process.exitCode = status;
  } else
    void status.then((s) => {
      flush();
      process.exitCode = s;
    });
}
