// Runs one command in a fresh child process and measures its wall time and peak RSS.
// Peak RSS comes from GNU time (`/usr/bin/time -f '%e %M'`) when it is installed; without it, 'n/a'.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
// Wall seconds, peak RSS in KB, user and system CPU seconds.
const FORMAT = '%e %M %U %S';
const LINE = /^(\d+(?:\.\d+)?) (\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/m;

/** CPU seconds the whole machine has spent busy (all cores), from /proc/stat; undefined off Linux. */
function machineBusyS() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal ...: busy is everything but idle and iowait.
    const busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] ?? 0);
    return busy / 100; // USER_HZ
  } catch {
    return undefined;
  }
}

/** True when /usr/bin/time is GNU time and understands -f and -o. */
export function hasGnuTime(tmp) {
  if (!existsSync(GNU_TIME)) return false;
  const out = join(tmp, 'time-probe.txt');
  const r = spawnSync(GNU_TIME, ['-f', FORMAT, '-o', out, 'true'], { stdio: 'ignore' });
  const ok = r.status === 0 && existsSync(out) && LINE.test(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  return ok;
}

/**
 * Runs `argv` once. stdout and stderr go to files (never /dev/null: ripgrep, for one, stops at the
 * first match when its output is /dev/null). Returns { wallS, rssKB, cpuS, otherCpuS, status, signal, timedOut }:
 * cpuS is the command's user+system CPU time, otherCpuS the CPU time the rest of the machine used
 * meanwhile (another job on a shared machine skews every number), both with GNU time only.
 */
export function runOnce(argv, { cwd, stdoutFile, stderrFile, timeoutS, useTime, tmp, onSpawn }) {
  return new Promise((resolve, reject) => {
    const timeFile = join(tmp, `time-${process.pid}-${Date.now()}.txt`);
    const full = useTime ? [GNU_TIME, '-f', FORMAT, '-o', timeFile, ...argv] : argv;
    const out = openSync(stdoutFile, 'w');
    const err = openSync(stderrFile, 'w');
    const busy0 = machineBusyS();
    const t0 = process.hrtime.bigint();
    // Own process group, so that a timeout can stop the command and everything it started.
    const child = spawn(full[0], full.slice(1), { cwd, stdio: ['ignore', out, err], detached: true });
    onSpawn?.(child);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutS * 1000);
    child.on('error', (e) => {
      clearTimeout(timer);
      closeSync(out);
      closeSync(err);
      reject(e);
    });
    child.on('close', (status, signal) => {
      const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
      const busy1 = machineBusyS();
      clearTimeout(timer);
      closeSync(out);
      closeSync(err);
      let rssKB = null;
      let cpuS = null;
      let otherCpuS = null;
      if (useTime && existsSync(timeFile)) {
        // GNU time prints "Command exited with non-zero status N" before the format line when N != 0.
        const m = LINE.exec(readFileSync(timeFile, 'utf8'));
        if (m) {
          rssKB = Number(m[2]);
          cpuS = Number(m[3]) + Number(m[4]);
          if (busy0 !== undefined && busy1 !== undefined) otherCpuS = Math.max(0, busy1 - busy0 - cpuS);
        }
        rmSync(timeFile, { force: true });
      }
      resolve({ wallS, rssKB, cpuS, otherCpuS, status, signal, timedOut });
    });
  });
}

/** Stops a child started by runOnce and everything it started (its own process group). */
export function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
