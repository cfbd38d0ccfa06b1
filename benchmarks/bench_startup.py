"""Benchmark: time from starting quizapp to its first visible window, next to a bare QMainWindow, on Xvfb."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# Each child prints the monotonic time at which its first window is exposed (mapped and painted), then exits.
# time.monotonic() is the system-wide CLOCK_MONOTONIC on Linux, so parent and child times compare.
PROBE = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

class FirstExpose(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Expose and isinstance(obj, QWindow) and obj.isExposed():
            print(f"EXPOSED {time.monotonic():.6f}", flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
probe = FirstExpose()
app.installEventFilter(probe)
"""

BARE = (
    PROBE
    + """
from PySide6.QtWidgets import QMainWindow
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.exec()
"""
)

QUIZAPP = (
    PROBE
    + """
from quizapp.cli import main
main(sys.argv[1:])
"""
)


def run_once(code: str, args: list[str], env: dict[str, str]) -> float:
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=60)
    for line in out.stdout.splitlines():
        if line.startswith("EXPOSED "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"no window was exposed:\n{out.stdout}\n{out.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    xvfb = None
    if not env.get("DISPLAY"):
        if shutil.which("Xvfb") is None:
            sys.exit("Xvfb is needed: apt-get install xvfb")
        display = ":87"
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24"], stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        env["DISPLAY"] = display
    try:
        with tempfile.TemporaryDirectory() as data:
            env["QUIZAPP_DATA_DIR"] = data
            # Warm the file cache once for each, then alternate the runs.
            run_once(BARE, [], env)
            run_once(QUIZAPP, [], env)
            bare, app = [], []
            for _ in range(args.runs):
                bare.append(run_once(BARE, [], env))
                app.append(run_once(QUIZAPP, [], env))
    finally:
        if xvfb is not None:
            xvfb.terminate()
    bare_median, app_median = statistics.median(bare), statistics.median(app)
    print(f"runs: {args.runs}, display {env['DISPLAY']}")
    print(f"bare QMainWindow to first expose: median {bare_median * 1000:.0f} ms (best {min(bare) * 1000:.0f} ms)")
    print(f"quizapp to first expose:          median {app_median * 1000:.0f} ms (best {min(app) * 1000:.0f} ms)")
    print(f"ratio (goal <= 1.5):              {app_median / bare_median:.2f}")


if __name__ == "__main__":
    main()
