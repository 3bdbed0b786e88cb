#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs test programs with --tap and fails when their output is not clean TAP: a line that is not
# UTF-8, one that holds a control character (a terminal escape, a carriage return), or one that
# is none of TAP's ("ok", "not ok", "#", "1..N", "Bail out!"). Tests that print hostile text
# must escape it; a TAP reader would choke on it.

import subprocess
import sys

TAP_STARTS = (b"ok ", b"not ok ", b"#", b"1..", b"Bail out!")


def problems(program):
    run = subprocess.run([program, "--tap"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    found = []
    if run.returncode != 0:
        found.append(f"exit status {run.returncode}")
    for number, line in enumerate(run.stdout.split(b"\n"), 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            found.append(f"line {number} is not UTF-8 ({error.reason}): {line!r}")
            continue
        if any(byte < 0x20 and byte != 0x09 or byte == 0x7F for byte in line):
            found.append(f"line {number} holds a control character: {line!r}")
        elif line and not line.startswith(TAP_STARTS):
            found.append(f"line {number} is not TAP: {line!r}")
    return found


def main():
    failed = False
    for program in sys.argv[1:]:
        for problem in problems(program):
            print(f"{program}: {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
