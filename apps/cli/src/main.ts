import { Command, InvalidArgumentError, Option } from 'commander';

import { CliError, EXIT } from './cli-error.ts';
import type { CiOptions } from './commands/ci.ts';
import { collectSet } from './load-spec.ts';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

const setOption = () =>
  new Option('--set <path=value>', 'override a spec field (value parsed as JSON when it parses); repeatable')
    .argParser(collectSet)
    .default([]);

const program = new Command('tradeoff')
  .description('Train, track and compare multi-objective ranking and dialogue policies')
  .showHelpAfterError()
  // Commander's own usage errors (unknown option, missing argument) are bad input too.
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.badInput);
  });

program
  .command('train')
  .description('run one experiment in this process; writes metrics.json, history.jsonl, model/, spec.json')
  .argument('<spec>', 'experiment spec, .json or .yaml')
  .option('--out <dir>', 'output directory (default runs/<name>-<timestamp>)')
  .addOption(setOption())
  .action(async (spec: string, opts: { out?: string; set: string[] }) => {
    const { train } = await import('./commands/train.ts');
    await train(spec, opts);
  });

program
  .command('eval')
  .description('evaluate a saved model on the spec\'s test split; writes metrics.json')
  .requiredOption('--model <dir>', 'model directory written by train (DIR/model)')
  .requiredOption('--spec <spec>', 'experiment spec, .json or .yaml')
  .addOption(setOption())
  .option('--out <dir>', 'output directory (default runs/eval-<name>-<timestamp>)')
  .action(async (opts: { model: string; spec: string; set: string[]; out?: string }) => {
    const { evaluate } = await import('./commands/eval.ts');
    await evaluate(opts);
  });

program
  .command('launch')
  .description('create an experiment in the store and queue its runs; prints the run ids')
  .argument('<spec>', 'experiment spec, .json or .yaml')
  .addOption(setOption())
  .option('--url <url>', 'a running Tradeoff server to launch through (default: the store directly)')
  .option('--token <token>', 'API token for --url')
  .option('--wait', 'wait until every run has ended; exit 0 only if all finished')
  .action(async (spec: string, opts: { set: string[]; url?: string; token?: string; wait?: boolean }) => {
    const { launch } = await import('./commands/launch.ts');
    await launch(spec, opts);
  });

program
  .command('ci')
  .description('run an experiment and check its final metrics: assertions, regressions against a baseline run; JUnit XML')
  .argument('<spec>', 'experiment spec, .json or .yaml')
  .option('--assert <check>', 'e.g. "test/auc/income>=0.93" (ops >= <= > < ==); repeatable', collectSet, [])
  .option('--baseline <runId>', 'a finished run in the store whose final metrics this run must not fall behind')
  .option('--tolerance <x>', 'how much worse than the baseline still passes: absolute (0.01) or relative (2%)', '0')
  .option('--junit <file>', 'write a JUnit XML report, one testcase per check')
  .option('--store', 'launch the run on the store and wait for a worker to finish it, instead of running it here')
  .option('--start-timeout <minutes>', 'with --store: fail when no worker has started the run after this long', '30')
  .option('--out <dir>', 'keep the in-process run\'s files (history.jsonl, metrics.json) here')
  .option('--url <url>', 'a running Tradeoff server for --store and --baseline (default: the store directly)')
  .option('--token <token>', 'API token for --url')
  .addOption(setOption())
  .action(async (spec: string, opts: CiOptions) => {
    const { ci } = await import('./commands/ci.ts');
    await ci(spec, opts);
  });

program
  .command('worker')
  .description('claim queued runs from the store and run them until stopped')
  .option('--concurrency <n>', 'runs at the same time', positiveInt)
  .action(async (opts: { concurrency?: number }) => {
    const { runWorkerProcess } = await import('@tradeoff/worker');
    await runWorkerProcess(opts);
  });

program
  .command('db')
  .description('experiment store administration')
  .command('migrate')
  .description('apply pending migrations to the store (DATABASE_URL, else the embedded store)')
  .action(async () => {
    const { migrateStore } = await import('./commands/db.ts');
    await migrateStore();
  });

const users = program.command('users').description('dashboard accounts, directly on the store (DATABASE_URL, else the embedded store)');
const roleOption = () => new Option('--role <role>', 'viewer reads; member launches and edits; admin manages users').choices(['viewer', 'member', 'admin']);

users
  .command('create')
  .description('create an account; prints a generated password when --password is not given')
  .requiredOption('--email <email>', 'sign-in email')
  .addOption(roleOption().makeOptionMandatory())
  .option('--name <name>', 'display name')
  .option('--password <password>', 'initial password (at least 8 characters)')
  .action(async (opts: { email: string; role: 'viewer' | 'member' | 'admin'; name?: string; password?: string }) => {
    const { createUser } = await import('./commands/users.ts');
    await createUser(opts);
  });

users
  .command('list')
  .description('list accounts with their roles')
  .action(async () => {
    const { listUsers } = await import('./commands/users.ts');
    await listUsers();
  });

users
  .command('reset-password')
  .description('set a new password (generated and printed unless --password) and end the user\'s sessions')
  .requiredOption('--email <email>', 'the account')
  .option('--password <password>', 'the new password (at least 8 characters)')
  .action(async (opts: { email: string; password?: string }) => {
    const { resetPassword } = await import('./commands/users.ts');
    await resetPassword(opts);
  });

const token = program.command('token').description('API tokens for scripts and CI, directly on the store');

token
  .command('create')
  .description('create an API token for a user; prints it once on stdout')
  .requiredOption('--email <email>', 'the user the token acts as')
  .requiredOption('--name <name>', 'what the token is for, e.g. "ci"')
  .option('--expires-days <n>', 'days until it expires (default: never)', positiveInt)
  .action(async (opts: { email: string; name: string; expiresDays?: number }) => {
    const { createToken } = await import('./commands/token.ts');
    await createToken(opts);
  });

token
  .command('revoke')
  .description('revoke an API token by id')
  .argument('<id>', 'token id (printed by create)')
  .action(async (id: string) => {
    const { revokeToken } = await import('./commands/token.ts');
    await revokeToken(id);
  });

program
  .command('start')
  .description('the whole platform on this machine: store, migrations, a worker and the dashboard')
  .option('--port <port>', 'dashboard port (default $PORT, else 3000)')
  .action(async (opts: { port?: string }) => {
    const { start } = await import('./commands/start.ts');
    await start(opts);
  });

try {
  await program.parseAsync();
  // Long-running commands return only once shut down; nothing should keep the process alive now.
  process.exit(EXIT.ok);
} catch (error) {
  if (error instanceof CliError) {
    console.error(`tradeoff: ${error.message}`);
    process.exit(error.exitCode);
  }
  console.error(error);
  process.exit(EXIT.failed);
}
