#!/bin/bash
# Trace output of real commands: strace, ltrace, git's GIT_TRACE* streams.
set -u
W=/tmp/lst/traces
rm -rf $W; mkdir -p $W; cd $W
git clone -q /work/main $W/headroom
# a server for curl to talk to (python's http.server, loopback, bounded lifetime)
(cd /usr/share/doc && timeout 120 python3 -m http.server 18111 --bind 127.0.0.1 >/dev/null 2>&1) &
SRV=$!
sleep 1
# (a) strace -f of curl: one request that works, one refused
strace -f -tt -s 80 -o $W/strace-curl.txt curl -sS -o /dev/null http://127.0.0.1:18111/git/copyright
strace -f -s 64 -o $W/strace-curl-refused.txt curl -sS http://127.0.0.1:9/ 2>/dev/null
# strace -f of git status in a real repo, file syscalls only
(cd $W/headroom && strace -f -e trace=%file -o $W/strace-git-status.txt git status --short >/dev/null)
# strace of python3 importing json, with -c summary
strace -f -e trace=%file,%process -o $W/strace-python.txt /usr/bin/python3 -S -c 'import json, sys; json.dump({"a": 1}, sys.stdout)' >/dev/null
strace -c -f -o $W/strace-c-node.txt node -e 'require("fs").readdirSync("/usr/lib/node_modules/npm/lib")' 
# ltrace of a C program (GNU sort on a real file)
ltrace -o $W/ltrace-sort.txt sort /etc/shells >/dev/null
# git's own tracing
(cd $W/headroom && export GIT_TRACE=1 GIT_TRACE_PERFORMANCE=1 && { git gc --aggressive --prune=now; git fetch nosuchremote; git status --short; git checkout no-such-branch; } > /dev/null 2> $W/git-trace.txt)
# (in a new PID namespace, so that trace2's cmd_ancestry stops at this script's shell)
unshare --fork --pid --mount-proc bash -c "GIT_TRACE2_EVENT=$W/git-trace2-event.json git clone -q --no-local /work/main $W/clone2 2>/dev/null
cd $W/clone2 && export GIT_TRACE2_EVENT=$W/git-trace2-event.json && { git fetch -q /tmp/lst/no-such-repo; git log -1 --format=%s no-such-ref; git status --short; } >/dev/null 2>&1"

(cd $W/clone2 && GIT_TRACE_PACKET=1 git fetch origin 2> $W/git-trace-packet.txt >/dev/null; GIT_TRACE_PACKET=1 git ls-remote origin 2>> $W/git-trace-packet.txt >/dev/null)
kill $SRV 2>/dev/null; pkill -P $SRV 2>/dev/null; wait $SRV 2>/dev/null
source /work/main/bench/corpus/tools/lst-lib.sh
S="output of strace run on this machine; no third-party content"
SV="strace $(dpkg-query -W -f='${Version}' strace)"
mkcase log strace-f-curl-http-request $W/strace-curl.txt host:strace "strace -f -tt" "$SV on curl $(dpkg-query -W -f='${Version}' curl)" "strace -f -tt -s 80 -o strace-curl.txt curl -sS -o /dev/null http://127.0.0.1:18111/git/copyright" "$S" ""
mkcase log strace-f-curl-connection-refused $W/strace-curl-refused.txt host:strace "strace -f" "$SV on curl" "strace -f -s 64 -o out curl -sS http://127.0.0.1:9/" "$S" ""
mkcase log strace-file-git-status $W/strace-git-status.txt host:strace "strace -f -e trace=%file" "$SV on git $(git --version | cut -d' ' -f3) in a clone of headroom" "cd headroom && strace -f -e trace=%file -o out git status --short" "$S" ""
mkcase log strace-python3-import-json $W/strace-python.txt host:strace "strace -f -e trace=%file,%process" "$SV on /usr/bin/python3 $(/usr/bin/python3 --version | cut -d' ' -f2)" "strace -f -e trace=%file,%process -o out /usr/bin/python3 -S -c 'import json, sys; json.dump({\"a\": 1}, sys.stdout)'" "$S" ""
mkcase log ltrace-sort-etc-shells $W/ltrace-sort.txt host:ltrace "ltrace" "ltrace $(dpkg-query -W -f='${Version}' ltrace) on GNU sort" "ltrace -o out sort /etc/shells" "output of ltrace run on this machine; no third-party content" ""
mkcase log git-trace-performance-log $W/git-trace.txt host:git "GIT_TRACE=1 GIT_TRACE_PERFORMANCE=1" "git $(git --version | cut -d' ' -f3) in a clone of headroom" "export GIT_TRACE=1 GIT_TRACE_PERFORMANCE=1; { git gc --aggressive --prune=now; git fetch nosuchremote; git status --short; git checkout no-such-branch; } 2> out" "output of git run on this machine; no third-party content" ""
mkcase log git-trace2-event-clone $W/git-trace2-event.json host:git "GIT_TRACE2_EVENT (JSON lines)" "git $(git --version | cut -d' ' -f3)" "unshare --fork --pid --mount-proc bash -c ...: GIT_TRACE2_EVENT=out git clone -q --no-local /work/main clone2; then in clone2 with the same GIT_TRACE2_EVENT: git fetch -q /tmp/lst/no-such-repo; git log -1 --format=%s no-such-ref; git status --short" "output of git run on this machine; no third-party content" \
  "JSON lines: the template is the event member (and msg for error events), since every other value is a quoted string or number; needle = the line from that member on."
mkcase log git-trace-packet-fetch $W/git-trace-packet.txt host:git "GIT_TRACE_PACKET=1" "git $(git --version | cut -d' ' -f3)" "GIT_TRACE_PACKET=1 git fetch origin; GIT_TRACE_PACKET=1 git ls-remote origin (stderr)" "output of git run on this machine; no third-party content" ""
