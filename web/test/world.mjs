// The browser tests' world: the demo's simulated sea (watchkeeper simulate
// --seed 7 --vessels 60 --days 3, as scripts/demo makes it),
// ingested into a fresh store (a SQLite file, or a database of its own on the
// test PostgreSQL cluster), the world's fictional designations merged with
// the fictional persons' list and imported, alerts derived, three accounts
// (two analysts and a viewer) with passwords, and `watchkeeper serve` on a
// free 127.0.0.1 port. Everything it starts, it stops.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PASSWORD = 'correct horse battery staple';

function run(cli, args, input) {
  const r = spawnSync(cli, args, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${path.basename(cli)} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

// One UN XML of the world's vessels and companies and the fictional list's
// people (both written by watchkeeper, both fictional): INDIVIDUALS and
// ENTITIES of the second are added to the first.
export function mergeUnXml(world, persons) {
  const section = (xml, tag) => {
    const m = xml.match(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`));
    return m ? m[1] : '';
  };
  return world
    .replace(/<INDIVIDUALS>([\s\S]*?)<\/INDIVIDUALS>/, (_, inner) => `<INDIVIDUALS>${inner}${section(persons, 'INDIVIDUALS')}</INDIVIDUALS>`)
    .replace(/<ENTITIES>([\s\S]*?)<\/ENTITIES>/, (_, inner) => `<ENTITIES>${inner}${section(persons, 'ENTITIES')}</ENTITIES>`);
}

function storeUrl(build, engine, dir) {
  if (engine === 'sqlite') return path.join(dir, 'watchkeeper.db');
  const admin = (process.env.WK_TEST_PG_URL || fs.readFileSync(path.join(build, 'pg-url'), 'utf8')).trim();
  const name = `wk_web_${process.pid}_${Date.now() % 100000}`;
  run('psql', [admin, '-q', '-c', `CREATE DATABASE ${name}`]);
  const url = new URL(admin);
  url.pathname = '/' + name;
  return { url: url.toString(), drop: () => spawnSync('psql', [admin, '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]) };
}

export async function makeWorld({ build, engine, days = 3, vessels = 60 }) {
  const cli = path.join(build, 'watchkeeper');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-web-'));
  const store = storeUrl(build, engine, dir);
  const url = typeof store === 'string' ? store : store.url;
  const world = path.join(dir, 'world');
  run(cli, ['simulate', '--seed', '7', '--vessels', String(vessels), '--days', String(days), '--out', world]);
  const nmea = fs.readdirSync(world).filter((f) => f.endsWith('.nmea')).map((f) => path.join(world, f));
  run(cli, ['ingest', ...nmea, '--db', url]);
  run(cli, ['lists', 'fictional', '--out', path.join(dir, 'persons.xml')]);
  const merged = path.join(dir, 'designations-and-persons.xml');
  fs.writeFileSync(merged, mergeUnXml(fs.readFileSync(path.join(world, 'designations.xml'), 'utf8'),
    fs.readFileSync(path.join(dir, 'persons.xml'), 'utf8')));
  run(cli, ['lists', 'import', merged, '--db', url]);
  run(cli, ['alerts', 'run', '--db', url, '--ports', path.join(world, 'ports.csv')]);
  for (const [name, role] of [['ana', 'analyst'], ['ben', 'analyst'], ['vera', 'viewer']]) {
    const added = JSON.parse(run(cli, ['users', 'add', name, '--role', role, '--db', url]));
    run(cli, ['users', 'passwd', name, '--db', url], PASSWORD + '\n');
    if (name === 'vera') var viewerToken = added.token;
  }
  const server = spawn(cli, ['serve', '--db', url, '--listen', '127.0.0.1:0', '--web', path.join(build, 'web'), '--threads', '8'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  server.stderr.on('data', (d) => { log += d; });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('serve did not start: ' + log)), 30000);
    server.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n')) { clearTimeout(timer); resolve(JSON.parse(line).port); }
    });
    server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${log}`)));
  });
  return {
    cli, dir, url, world, port, base: `http://127.0.0.1:${port}/`, viewerToken,
    run: (args, input) => run(cli, args, input),
    log: () => log,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      if (typeof store !== 'string') store.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
