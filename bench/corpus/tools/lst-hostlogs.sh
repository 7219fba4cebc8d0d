#!/bin/bash
# Package-manager logs of this machine (dpkg, apt, update-alternatives), read with tail/cat as an agent would.
set -u
W=/tmp/lst/hostlogs; rm -rf $W; mkdir -p $W
tail -n 2000 /var/log/dpkg.log > $W/dpkg.log
cat /var/log/apt/history.log > $W/history.log
tail -n 1500 /var/log/apt/term.log > $W/term.log
cat /var/log/alternatives.log > $W/alternatives.log
source /work/main/bench/corpus/tools/lst-lib.sh
L="output of dpkg/apt on this machine (package installs of this container's image and of this corpus's helpers); no third-party content"
mkcase log dpkg-log-tail-2000 $W/dpkg.log host:dpkg "dpkg.log" "/var/log/dpkg.log of this machine (dpkg $(dpkg-query -W -f='${Version}' dpkg))" "tail -n 2000 /var/log/dpkg.log" "$L" ""
mkcase log apt-history-log $W/history.log host:apt "apt history.log" "/var/log/apt/history.log of this machine (apt $(dpkg-query -W -f='${Version}' apt))" "cat /var/log/apt/history.log" "$L" ""
mkcase log apt-term-log-tail-1500 $W/term.log host:apt "apt term.log" "/var/log/apt/term.log of this machine (apt $(dpkg-query -W -f='${Version}' apt))" "tail -n 1500 /var/log/apt/term.log" "$L" ""
mkcase log update-alternatives-log $W/alternatives.log host:update-alternatives "update-alternatives log" "/var/log/alternatives.log of this machine" "cat /var/log/alternatives.log" "$L" ""
