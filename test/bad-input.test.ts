import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, mkdirSync, openSync, symlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { githubPat, isRoot, runCli, tempDir, writeTree } from './helpers.js';

interface Report {
  findings: { path: string; ruleId: string; start: { line: number; column: number }; snippet: string }[];
  notices: { kind: string; path?: string; message: string }[];
  stats: { files: number; skipped: number };
}

async function scanJson(args: string[], options: Parameters<typeof runCli>[1] = {}): Promise<{ code: number | null; report: Report; stderr: string }> {
  const r = await runCli(['scan', ...args, '--format', 'json', '--verbose'], options);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

const secret = githubPat(21);

describe('bad input', () => {
  it('skips binary files with a notice and scans text beside them', async () => {
    const dir = tempDir();
    writeTree(dir, { 'logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), Buffer.from(secret)]), 'a.txt': `t=${secret}\n` });
    const { report } = await scanJson([dir]);
    assert.deepEqual(report.findings.map((f) => f.path), ['a.txt']);
    assert.ok(report.notices.some((n) => n.kind === 'binary' && n.path === 'logo.png'));
  });

  it('scans invalid UTF-8 with replacement characters, and says so', async () => {
    const dir = tempDir();
    writeTree(dir, { 'latin1.txt': Buffer.concat([Buffer.from('caf\xe9 \xff\xfe\n', 'latin1'), Buffer.from(`key ${secret}\n`)]) });
    const { report } = await scanJson([dir]);
    assert.equal(report.findings.length, 1);
    assert.deepEqual(report.findings[0]!.start, { line: 2, column: 5 });
    assert.ok(report.notices.some((n) => n.kind === 'invalid-utf8'));
  });

  it('decodes UTF-16 files by their byte-order mark', async () => {
    const dir = tempDir();
    const text = `first line\r\nTOKEN=${secret}\r\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    writeTree(dir, { 'le.txt': le, 'be.txt': be });
    const { report } = await scanJson([dir]);
    assert.deepEqual(report.findings.map((f) => [f.path, f.start.line, f.start.column]), [['be.txt', 2, 7], ['le.txt', 2, 7]]);
  });

  it('skips a 1 GB file over --max-file-size with a notice, without reading it', async () => {
    const dir = tempDir();
    execFileSync('truncate', ['-s', '1G', join(dir, 'huge.bin')]);
    writeTree(dir, { 'small.txt': `x ${secret}\n` });
    const { report } = await scanJson([dir]);
    assert.equal(report.findings.length, 1);
    assert.ok(report.notices.some((n) => n.kind === 'too-large' && n.path === 'huge.bin' && /1\.0 GiB/.test(n.message)));
  });

  it('streams a large file in chunks: secrets across chunk boundaries are found once, at the right line', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.log');
    const fd = openSync(file, 'w');
    const line = 'INFO 2024-01-01T00:00:00Z request served in 12ms path=/api/v1/items status=200\n';
    const block = line.repeat(Math.ceil((1024 * 1024) / line.length));
    const linesPerBlock = block.split('\n').length - 1;
    let lines = 0;
    const planted: number[] = [];
    for (let mb = 0; mb < 40; mb++) {
      writeSync(fd, block);
      lines += linesPerBlock;
      // Near the 8 MiB chunk boundaries, and at the end.
      if (mb % 8 === 7 || mb === 39) {
        writeSync(fd, `deploy token ${secret}\n`);
        lines++;
        planted.push(lines);
      }
    }
    closeSync(fd);
    const { report } = await scanJson([dir, '--max-file-size', '100MB']);
    assert.deepEqual(report.findings.map((f) => f.start.line), planted);
    assert.ok(report.findings.every((f) => f.start.column === 14));
  });

  it('finds a secret in a 50 MB single line and prints a short snippet', async () => {
    const dir = tempDir();
    const filler = 'var a=function(b){return b+1};'.repeat(Math.ceil((25 * 1024 * 1024) / 31));
    writeTree(dir, { 'bundle.min.js': `${filler}var t="${secret}";${filler}` });
    const { report } = await scanJson([dir, '--max-file-size', '100MB']);
    assert.equal(report.findings.length, 1);
    assert.equal(report.findings[0]!.start.line, 1);
    assert.equal(report.findings[0]!.start.column, filler.length + 8);
    assert.ok(report.findings[0]!.snippet.length <= 200);
  });

  it('does not loop on symlink cycles, with or without --follow-symlinks', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a/b/file.txt': `k ${secret}\n` });
    symlinkSync('..', join(dir, 'a/b/up'));
    symlinkSync(join(dir, 'a'), join(dir, 'a/b/loop'));
    symlinkSync(join(dir, 'missing'), join(dir, 'dangling'));
    const plain = await scanJson([dir]);
    assert.equal(plain.report.findings.length, 1);
    assert.ok(plain.report.notices.some((n) => n.kind === 'symlink'));
    const follow = await scanJson([dir, '--follow-symlinks']);
    assert.equal(follow.report.findings.length, 1);
    assert.ok(follow.report.notices.some((n) => n.kind === 'symlink' && /already visited/.test(n.message)));
  });

  it('reports unreadable files and directories and scans the rest', { skip: process.platform === 'win32' }, async () => {
    const dir = tempDir();
    writeTree(dir, { 'ok.txt': `k ${secret}\n`, 'locked.txt': `k ${secret}\n`, 'closed/inner.txt': `k ${secret}\n` });
    chmodSync(join(dir, 'locked.txt'), 0);
    chmodSync(join(dir, 'closed'), 0);
    // Root reads anything. Run the CLI as root without the capabilities that bypass file modes
    // (setpriv), so EACCES really happens and the checkout stays readable wherever it is; without
    // setpriv, as an unprivileged user, which needs a checkout other users can reach.
    const nobody = 65534;
    const setpriv = isRoot && spawnSync('setpriv', ['--version']).status === 0;
    if (isRoot && !setpriv) {
      chmodSync(dir, 0o755);
      chownSync(join(dir, 'ok.txt'), nobody, nobody);
    }
    const asUser = setpriv ? { prefix: ['setpriv', '--bounding-set', '-dac_override,-dac_read_search'] } : { uid: nobody, gid: nobody, cwd: '/' };
    const { code, report } = await scanJson([dir], isRoot ? asUser : {});
    assert.equal(code, 1);
    assert.deepEqual(report.findings.map((f) => f.path), ['ok.txt']);
    assert.ok(report.notices.some((n) => n.kind === 'unreadable' && n.path === 'locked.txt' && /EACCES/.test(n.message)));
    assert.ok(report.notices.some((n) => n.kind === 'unreadable' && n.path === 'closed' && /EACCES/.test(n.message)));
  });

  it('skips FIFOs and device files instead of blocking on them', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    writeTree(dir, { 'a.txt': `k ${secret}\n` });
    const walked = await scanJson([dir]);
    assert.equal(walked.report.findings.length, 1);
    assert.ok(walked.report.notices.some((n) => n.kind === 'special-file' && n.path === 'pipe'));
    const explicit = await scanJson([join(dir, 'pipe'), '/dev/null', join(dir, 'a.txt')]);
    assert.equal(explicit.report.notices.filter((n) => n.kind === 'special-file').length, 2);
    assert.equal(explicit.report.findings.length, 1);
  });

  it('handles paths with spaces, newlines and unicode', async () => {
    const dir = tempDir();
    writeTree(dir, { 'with space/ü ñ.txt': `k ${secret}\n`, 'new\nline.txt': `k ${secret}\n` });
    const { report } = await scanJson([dir]);
    assert.deepEqual(report.findings.map((f) => f.path).sort(), ['new\nline.txt', 'with space/ü ñ.txt']);
    const text = await runCli(['scan', dir]);
    assert.ok(text.stdout.includes('new\\nline.txt:1:3'), 'newlines in paths are escaped in text output');
  });

  it('an empty directory is a clean scan, not an error', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    const r = await runCli(['scan', join(dir, 'empty')]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /No secrets found\. · scanned 0 files/);
  });

  it('abandons a file that a catastrophic user regex would hang on, and scans the others', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'rules.toml': `[[rules]]\nid = "evil"\ntitle = "Evil"\nkeywords = ["aaaa"]\nregex = '''(a+)+$'''\n`,
      'evil.txt': 'a'.repeat(40) + '!\n',
      'good.txt': `k ${secret}\n`,
    });
    const { code, report } = await scanJson([dir, '--config', join(dir, 'rules.toml'), '--file-timeout', '2', '--exclude', 'rules.toml']);
    assert.equal(code, 1);
    assert.deepEqual(report.findings.map((f) => f.path), ['good.txt']);
    assert.ok(report.notices.some((n) => n.kind === 'timeout' && n.path === 'evil.txt'));
  });
});
