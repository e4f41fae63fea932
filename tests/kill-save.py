#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""kill -9 a real osai-reports-cli while it saves, and look at the folder.

Two saves, each on both paths of src/core/osai-safe-file.c (the unnamed
O_TMPFILE file, and the named partial file forced by OSAI_SAFE_FILE_NAMED=1):

- the detailed report (--detail-size, over an existing file): killed at
  points spread over the download by the bytes already in the new file
  (from /proc/PID/fd), once the whole body is in (during the commit), and
  right at the start;
- a history entry: killed as soon as the CLI has a file open in the history
  folder, after a growing delay.

After each kill the report's folder must hold the old file byte for byte
or a whole new one, and nothing else; the history folder only whole entries.
On the named path a killed save may leave its partial file: the next save
of the same target must remove it (checked after the kills).

Usage: kill-save.py CLI SIMULATOR WORKDIR [POINTS]
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TOKEN = 'kill-save-token'
DETAIL_SIZE = 192 * 1024 * 1024
OLD = b'{"the": "old report, which must survive whole"}\n'
PARTIAL_INFIX = '.osai-partial-'
DEADLINE_S = 120


def fail(message):
    print(f'kill-save: FAIL: {message}', flush=True)
    sys.exit(1)


def start_simulator(simulator, *extra):
    proc = subprocess.Popen([simulator, '--report-delay', '0', '--access-token', TOKEN, *extra],
                            stdout=subprocess.PIPE, text=True)
    url = proc.stdout.readline().strip()
    if not url.startswith('http'):
        proc.kill()
        fail(f'the simulator did not print its URL (got {url!r})')
    return proc, url


def open_files_in(pid, folder):
    """Sizes of the regular files @pid has open for writing in @folder."""
    sizes = []
    fd_dir = f'/proc/{pid}/fd'
    try:
        names = os.listdir(fd_dir)
    except OSError:
        return sizes
    for name in names:
        link = os.path.join(fd_dir, name)
        try:
            target = os.readlink(link)
        except OSError:
            continue
        if os.path.dirname(target) != folder:
            continue
        try:
            with open(f'/proc/{pid}/fdinfo/{name}') as info:
                flags = next(int(line.split()[1], 8) for line in info
                             if line.startswith('flags:'))
        except (OSError, StopIteration, ValueError):
            continue
        if flags & os.O_ACCMODE == os.O_RDONLY:
            continue
        try:
            sizes.append(os.stat(link).st_size)
        except OSError:
            continue
    return sizes


def partials(folder):
    return [name for name in os.listdir(folder) if PARTIAL_INFIX in name]


def whole_report(path):
    """A complete detailed report: every announced byte, valid JSON at both ends."""
    size = os.path.getsize(path)
    if size != DETAIL_SIZE:
        return False
    with open(path, 'rb') as report:
        head = report.read(1)
        report.seek(-2, os.SEEK_END)
        tail = report.read().strip()
    return head == b'{' and tail.endswith(b'}')


def check_report_folder(folder, named, point):
    names = sorted(os.listdir(folder))
    others = [name for name in names if name != 'report.json']
    if not named and others:
        fail(f'{point}: stray files beside the report: {others}')
    if named and any(PARTIAL_INFIX not in name for name in others):
        fail(f'{point}: stray files beside the report: {others}')
    if len(others) > 1:
        fail(f'{point}: more than one partial file: {others}')
    if 'report.json' not in names:
        fail(f'{point}: the report is gone')
    path = os.path.join(folder, 'report.json')
    with open(path, 'rb') as report:
        start = report.read(len(OLD) + 1)
    if start == OLD:
        return 'old', others
    if whole_report(path):
        return 'new', others
    fail(f'{point}: report.json is neither the old file nor a whole new one '
         f'({os.path.getsize(path)} bytes)')


def run_cli(cli, url, env, args, kill_when=None):
    """Runs the CLI; @kill_when(proc) is polled and True means kill -9 now.

    Returns what the kill struck: None if the CLI ended first."""
    proc = subprocess.Popen([cli, '--server', url, '--quiet', '--poll-interval', '100', *args],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + DEADLINE_S
    struck = None
    while proc.poll() is None:
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            fail(f'the CLI did not end within {DEADLINE_S} s')
        if kill_when is not None:
            struck = kill_when(proc)
            if struck is not None:
                os.kill(proc.pid, signal.SIGKILL)
                break
        else:
            time.sleep(0.01)
    err = proc.communicate()[1].decode(errors='replace')
    if struck is None and proc.returncode != 0:
        fail(f'the CLI failed ({proc.returncode}): {err.strip()}')
    return struck


def kill_download(cli, url, env, folder, named, points):
    path = os.path.join(folder, 'report.json')
    outcomes = []
    # Fractions of the body already in the new file; 1.0: all of it (the
    # commit: fsync, link, rename); 0: as soon as the process runs.
    fractions = [0.0] + [i / (points - 2) for i in range(1, points - 2)] + [1.0, 1.0]
    for index, fraction in enumerate(fractions[:points]):
        with open(path, 'wb') as old:
            old.write(OLD)
        for name in partials(folder):
            os.unlink(os.path.join(folder, name))
        want = int(DETAIL_SIZE * fraction)

        def kill_when(proc, want=want, fraction=fraction):
            if fraction == 0.0:
                return 'start'
            sizes = open_files_in(proc.pid, folder)
            if sizes and max(sizes) >= want:
                return f'{max(sizes) / 2**20:.0f}'
            return None

        struck = run_cli(cli, url, env, ['--format', 'csv', '--no-history', '--output', path],
                         kill_when)
        state, left = check_report_folder(folder, named, f'download point {index}')
        outcomes.append((struck or 'ended', state, len(left)))

    # The next save removes what the killed ones left, and saves.
    run_cli(cli, url, env, ['--format', 'csv', '--no-history', '--output', path])
    state, left = check_report_folder(folder, named, 'the save after the kills')
    if state != 'new' or left:
        fail(f'the save after the kills left {state} and {left}')
    return outcomes


def history_folder(data_home):
    for root, dirs, _files in os.walk(data_home):
        if os.path.basename(root) == 'history':
            return root
    return None


def check_history(folder, named, point):
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if os.path.isdir(path):
            fail(f'{point}: a folder in the history: {name}')
        if named and PARTIAL_INFIX in name:
            continue
        if not name.endswith('.json') or name.startswith('.'):
            fail(f'{point}: a stray file in the history: {name}')
        with open(path, 'rb') as entry:
            try:
                json.load(entry)
            except ValueError:
                fail(f'{point}: a torn history entry: {name}')


def kill_history(cli, url, env, named, points):
    data_home = env['XDG_DATA_HOME']
    # One whole run first makes the folder.
    run_cli(cli, url, env, ['--format', 'csv'])
    folder = history_folder(data_home)
    if folder is None:
        fail('the CLI made no history folder')
    struck_in_write = 0
    for index in range(points):
        delay = index * 0.0002

        def kill_when(proc, delay=delay):
            if open_files_in(proc.pid, folder):
                if delay:
                    time.sleep(delay)
                return 'open' if open_files_in(proc.pid, folder) else 'after'
            return None

        struck = run_cli(cli, url, env, ['--format', 'csv'], kill_when)
        if struck == 'open':
            struck_in_write += 1
        check_history(folder, named, f'history point {index}')
    names = os.listdir(folder)
    return struck_in_write, len([n for n in names if PARTIAL_INFIX not in n]), \
        len([n for n in names if PARTIAL_INFIX in n])


def main():
    cli, simulator, workdir = sys.argv[1:4]
    points = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    sim, url = start_simulator(simulator, '--detail-size', str(DETAIL_SIZE))
    try:
        for named in (False, True):
            label = 'named partial file' if named else 'O_TMPFILE'
            base = tempfile.mkdtemp(prefix='kill-save-', dir=workdir)
            try:
                folder = os.path.join(base, 'out')
                os.mkdir(folder)
                env = {name: value for name, value in os.environ.items()
                       if not name.startswith('G_MESSAGES')}
                env.update(OSAI_ACCESS_TOKEN=TOKEN, XDG_DATA_HOME=os.path.join(base, 'data'),
                           XDG_CONFIG_HOME=os.path.join(base, 'config'),
                           XDG_CACHE_HOME=os.path.join(base, 'cache'))
                if named:
                    env['OSAI_SAFE_FILE_NAMED'] = '1'
                else:
                    env.pop('OSAI_SAFE_FILE_NAMED', None)
                outcomes = kill_download(cli, url, env, folder, named, points)
                kinds = {}
                for _struck, state, _left in outcomes:
                    kinds[state] = kinds.get(state, 0) + 1
                left = sum(n for _s, _st, n in outcomes)
                print(f'kill-save: {label}: download of {DETAIL_SIZE // 2**20} MiB killed at '
                      f'{len(outcomes)} points (MiB in the new file: '
                      f'{" ".join(s for s, _st, _n in outcomes)}): '
                      f'old file whole {kinds.get("old", 0)}, new file whole '
                      f'{kinds.get("new", 0)}, torn 0, partial files left {left} '
                      f'(removed by the next save)', flush=True)
                in_write, entries, left = kill_history(cli, url, env, named, points)
                print(f'kill-save: {label}: history write killed at {points} points '
                      f'({in_write} with the entry file open): {entries} entries, all '
                      f'whole, torn 0, partial files left {left}', flush=True)
            finally:
                shutil.rmtree(base, ignore_errors=True)
    finally:
        sim.terminate()
        sim.wait()
    print('kill-save: PASS', flush=True)


if __name__ == '__main__':
    main()
