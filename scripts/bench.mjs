/**
 * `npm run bench`: builds the extension, runs the bench files (bench/*.bench-run.ts, with vitest as the
 * TypeScript runner) in Chromium, then prints the figures next to their targets and writes
 * bench/results.json and the results table of bench/PERFORMANCE.md and README.md. Benchmarks report; they never fail
 * on a figure (only on a broken harness).
 *
 *   npm run bench                       everything (about 10 minutes on 2 cores)
 *   npm run bench -- --only=p1,p5       some sections (p1 p2 p3 p4 p5 soak); results stay in a temp folder
 *   npm run bench -- --quick            a tenth of the traffic, for trying the harness
 *   npm run bench -- --profile          also record CPU profiles (of an unminified build) into test-results/bench-profiles/
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? '';
const quick = flag('quick');
const profile = flag('profile');
const full = !only && !quick && !profile;

const SECTION_ORDER = ['p1', 'p2', 'p3', 'p4', 'p5', 'soak'];

function chromiumVersion() {
  try {
    const out = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.trim();
  } catch {
    return 'unknown';
  }
}

function gitCommit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

function runVitest(env) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'bench/vitest.config.ts', '--reporter=default'],
      { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
    );
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function formatValue(f) {
  if (!Number.isFinite(f.value)) return 'n/a';
  if (f.unit === 'x') return `${f.value}`;
  return `${f.value} ${f.unit}`;
}

function table(figures) {
  const header = ['Figure', 'Result', 'Target', 'Met', 'Detail'];
  const rows = figures.map((f) => [f.label, formatValue(f), f.target?.text ?? '—', f.met === null ? '—' : f.met ? 'yes' : 'NO', f.detail]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join(' | ');
  return [
    line(header),
    widths.map((w, i) => '-'.repeat(i === widths.length - 1 ? Math.min(w, 40) : w)).join('-|-'),
    ...rows.map(line),
  ].join('\n');
}

function markdownTable(figures) {
  const esc = (s) => String(s).replaceAll('|', '\\|');
  const lines = ['| Figure | Result | Target | Met | Detail |', '|---|---|---|---|---|'];
  for (const f of figures) {
    lines.push(
      `| ${esc(f.label)} | ${esc(formatValue(f))} | ${esc(f.target?.text ?? '—')} | ${f.met === null ? '—' : f.met ? 'yes' : '**no**'} | ${esc(f.detail)} |`,
    );
  }
  return lines.join('\n');
}

function machineLine(m) {
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGB} GB RAM, ${m.os}; ${m.chromium}; Node ${m.node}; 1-minute load average ${m.loadAverageStart[0]} at the start, ${m.loadAverageEnd[0]} at the end`;
}

/** Writes the results table between the bench markers of bench/PERFORMANCE.md and of README.md, so neither goes stale. */
function updateResultTables(results) {
  const start = '<!-- bench:results:start -->';
  const end = '<!-- bench:results:end -->';
  const block = [
    start,
    '',
    `Measured ${results.date.slice(0, 10)} on ${machineLine(results.machine)}; \`npm run bench\` took ${Math.round(results.wallMs / 1000)} s.`,
    '',
    markdownTable(results.figures),
    '',
    end,
  ].join('\n');
  for (const name of ['bench/PERFORMANCE.md', 'README.md']) {
    const file = join(root, name);
    let text = existsSync(file) ? readFileSync(file, 'utf8') : `## Performance\n\n${start}\n${end}\n`;
    if (!text.includes(start) || !text.includes(end)) {
      if (name === 'README.md') continue; // the README places its markers itself
      text += `\n${start}\n${end}\n`;
    }
    text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
    writeFileSync(file, text);
  }
}

const wallStart = Date.now();
const loadAverageStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
const out = mkdtempSync(join(os.tmpdir(), 'socketscope-bench-'));
const busy = () => os.loadavg()[0] > os.cpus().length;
if (busy())
  console.log(
    `[bench] warning: the machine is busy (load average ${loadAverageStart[0]} on ${os.cpus().length} cores); figures will be noisy`,
  );
// Profiles are large: they go where test artifacts go (ignored by git and Biome).
const profileDir = join(root, 'test-results/bench-profiles');

// The bench loads a private copy of the build, so that a rebuild of dist/chrome by someone else's test run
// during these minutes cannot change the extension under measurement half-way.
const extensionDir = join(out, 'extension');
if (profile) {
  // Function names and lines are only readable in an unminified build; it goes to the copy only.
  const { build } = await import('vite');
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { minify: false, outDir: extensionDir, emptyOutDir: true },
  });
  console.log(`[bench] built an unminified copy of the extension for profiling: ${extensionDir}`);
} else {
  if (process.env.SOCKETSCOPE_SKIP_BUILD === '1') console.log('[bench] using the existing dist/chrome (SOCKETSCOPE_SKIP_BUILD=1)');
  else {
    await buildAll({ quiet: true });
    console.log('[bench] built dist/chrome');
  }
  cpSync(join(root, 'dist/chrome'), extensionDir, { recursive: true });
}
if (profile) {
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
}

const code = await runVitest({
  BENCH_OUT: out,
  BENCH_EXTENSION_DIR: extensionDir,
  BENCH_ONLY: only,
  BENCH_QUICK: quick ? '1' : '',
  BENCH_PROFILE_DIR: profile ? profileDir : '',
});

rmSync(extensionDir, { recursive: true, force: true });

const sections = {};
for (const name of readdirSync(out).filter((n) => n.endsWith('.json'))) {
  const section = JSON.parse(readFileSync(join(out, name), 'utf8'));
  sections[section.section] = section;
}
const ordered = SECTION_ORDER.filter((s) => sections[s]).map((s) => sections[s]);
const figures = ordered.flatMap((s) => s.figures);
const results = {
  date: new Date().toISOString(),
  wallMs: Date.now() - wallStart,
  complete: full && code === 0,
  options: { only: only || 'all', quick, profile },
  commit: gitCommit(),
  machine: {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    chromium: chromiumVersion(),
    node: process.versions.node,
    loadAverageStart,
    loadAverageEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
  },
  figures,
  sections: Object.fromEntries(ordered.map((s) => [s.section, s])),
};

console.log('');
console.log(`SocketScope bench — ${machineLine(results.machine)}`);
console.log('');
console.log(table(figures));
for (const s of ordered) for (const n of s.notes) console.log(`  ${s.section}: ${n}`);
console.log('');
console.log(`[bench] wall time ${Math.round(results.wallMs / 1000)} s${code === 0 ? '' : `; the bench run FAILED (vitest exit ${code})`}`);
if (busy() || loadAverageStart[0] > os.cpus().length)
  console.log('[bench] the machine was busy during the run (see the load averages above): compare figures across runs with care');

const target = full ? join(root, 'bench/results.json') : join(out, 'results.json');
writeFileSync(target, `${JSON.stringify(results, null, 2)}\n`);
if (full && code === 0) updateResultTables(results);
console.log(`[bench] results: ${target}${full ? '' : ' (a partial run leaves bench/results.json alone)'}`);
if (profile) console.log(`[bench] CPU profiles: ${profileDir}`);
process.exitCode = code;
