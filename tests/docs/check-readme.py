#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The README must render as written: every command line sits inside a code fence, every table outside
# one, and no sentence is said twice. A missing fence flips every later fence and turns tables into code.
import re
import sys

path = sys.argv[1]
status = 0


def complain(number, what):
    global status
    print(f'{path}:{number}: {what}')
    status = 1


inside = False
paragraphs = []
current = None
with open(path, encoding='utf-8') as f:
    lines = f.read().split('\n')
for number, line in enumerate(lines, 1):
    if line.startswith('```'):
        inside = not inside
        current = None
        continue
    if not inside and re.match(r'^(sockscope|sockscope-cli|build-aux/|meson |ninja )', line):
        complain(number, f'a command outside a code fence: {line}')
    if inside and line.startswith('| '):
        complain(number, f'a table row inside a code fence: {line}')
    if inside or not line or line.startswith(('|', '#')):
        current = None
        continue
    if current is None:
        current = [number, '']
        paragraphs.append(current)
    current[1] += ' ' + line
if inside:
    complain(len(lines), 'a code fence is never closed')

seen = []
for number, text in paragraphs:
    for sentence in re.split(r'(?<=[.:])\s+', text.strip()):
        words = frozenset(re.findall(r'[a-z0-9]+', sentence.lower()))
        if len(words) < 8:
            continue
        for earlier_words, earlier_number in seen:
            # Nearly the same words: the same sentence said twice, perhaps reworded once.
            if len(words & earlier_words) >= 0.75 * len(words | earlier_words):
                complain(number, f'said already on line {earlier_number}: {sentence}')
        seen.append((words, number))
sys.exit(status)
