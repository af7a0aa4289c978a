// Brings up the real services the tests talk to, when this machine can: they are used, never mocked.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

function quiet(command, args) {
  const result = spawnSync(command, args, { stdio: 'pipe', encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** Starts the local PostgreSQL cluster if one is installed but stopped; tests skip Postgres cases otherwise. */
export function ensurePostgres() {
  if (quiet('pg_isready', ['-h', '127.0.0.1', '-p', '5432']).ok) return;
  if (!existsSync('/etc/postgresql')) {
    console.log('PostgreSQL is not installed here: tests run against embedded PGlite only.');
    return;
  }
  const [version] = readdirSync('/etc/postgresql');
  const started = quiet('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
  console.log(started.ok ? `Started PostgreSQL ${version}.` : `Could not start PostgreSQL: ${started.output.trim()}`);
}

/** Installs Debian's Chromium for the browser tests when it is missing and we may use apt. */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.log(`No ${CHROMIUM} and no root apt-get: browser tests will fail. Install the chromium package.`);
    return;
  }
  console.log('Installing Debian chromium for the browser tests...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}
