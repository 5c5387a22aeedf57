#!/usr/bin/env python3
"""PSS, RSS, private and shared memory of one worker JVM by mapping class (Java heap, AOT cache,
code cache, metaspace, class space, thread stacks, malloc arenas, the shared segment, ...):
/proc/PID/smaps joined with the NMT annotations of `jcmd PID System.map`.

usage: benchmarks/pss-by-mapping.py PID
The worker must run with -XX:+StartAttachListener -XX:NativeMemoryTracking=summary, e.g.
TUSK_WORKER_JAVA_OPTS="-XX:+StartAttachListener -XX:NativeMemoryTracking=summary" ./tusk start ...
(NMT itself costs ~1.5 MB). Never point a jcmd at a worker without -XX:+StartAttachListener:
jcmd then sends SIGQUIT to start the attach listener, and SIGQUIT ends a worker at once (a crash
restart of the whole server). Uses JDK 25's jcmd (JDK 17's cannot attach to a JDK 25 JVM).
See benchmarks/README-startup.md."""
import re, subprocess, sys, collections
pid = sys.argv[1]
jcmd = '/usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd'
tags = {}
try:
    out = subprocess.run([jcmd, pid, 'System.map'], capture_output=True, text=True, timeout=20).stdout
    for line in out.splitlines():
        m = re.match(r'\s*0x([0-9a-f]+)\s*-\s*0x([0-9a-f]+)\s+\d+\s+\S+\s+\d+\s+\S*\s*\d*\s*\S*\s*(.*)$', line)
        if m:
            lo, hi = int(m.group(1), 16), int(m.group(2), 16)
            rest = m.group(3)
            t = None
            for k in ('JAVAHEAP','CDS','CLASS','CODE','META','STACK','CARDTBL','GC','POLL','INTERN','JDK'):
                if re.search(r'\b' + k + r'\b', rest):
                    t = k; break
            if t: tags[(lo, hi)] = t
except Exception as e:
    print('no System.map:', e, file=sys.stderr)
ivs = sorted(tags.items())
def tag_of(lo, hi):
    for (a, b), t in ivs:
        if a <= lo and hi <= b: return t
        if a < hi and lo < b: return t
    return None
sums = collections.defaultdict(lambda: [0, 0, 0, 0])  # pss, rss, private, shared
cur = None
with open(f'/proc/{pid}/smaps') as f:
    for line in f:
        m = re.match(r'^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \d+\s*(.*)$', line)
        if m:
            lo, hi = int(m.group(1), 16), int(m.group(2), 16)
            perm, name = m.group(3), m.group(4).strip()
            t = tag_of(lo, hi)
            if name.endswith('.aot') or name.endswith('.jsa'): c = 'CDS/AOT file'
            elif name.startswith('/dev/shm/'): c = 'shared segment'
            elif 'libjvm.so' in name: c = 'libjvm.so'
            elif name.endswith('.so') or '.so.' in name: c = 'other .so'
            elif name == '[heap]': c = 'malloc (brk heap)'
            elif name == '[stack]': c = 'STACK'
            elif name.startswith('['): c = name
            elif name: c = 'file ' + name.split('/')[-1]
            elif t: c = t
            else: c = 'anon (malloc arenas / other)'
            cur = sums[c]
            continue
        k = line.split(':')[0]
        if cur is None: continue
        v = line.split()
        if k == 'Pss': cur[0] += int(v[1])
        elif k == 'Rss': cur[1] += int(v[1])
        elif k in ('Private_Clean', 'Private_Dirty'): cur[2] += int(v[1])
        elif k in ('Shared_Clean', 'Shared_Dirty'): cur[3] += int(v[1])
tot = [sum(x[i] for x in sums.values()) for i in range(4)]
print(f'{"class":34s} {"PSS":>7s} {"RSS":>7s} {"priv":>7s} {"shared":>7s}  (MB)')
for c, v in sorted(sums.items(), key=lambda kv: -kv[1][0]):
    if v[1] == 0: continue
    print(f'{c:34s} ' + ' '.join(f'{x/1024:7.1f}' for x in v), flush=True)
print(f'{"total":34s} ' + ' '.join(f'{x/1024:7.1f}' for x in tot))
