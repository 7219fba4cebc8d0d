#!/bin/bash
# etcd 3.4 (Go, zap JSON logger) single member on 127.0.0.1:12379 with etcdctl traffic: puts, a txn,
# a compaction, a lease expiry, a too-large request and a defrag.
set -u
W=/tmp/lst/etcd
rm -rf $W; mkdir -p $W
etcd --name lst --data-dir $W/data --listen-client-urls http://127.0.0.1:12379 --advertise-client-urls http://127.0.0.1:12379 \
  --listen-peer-urls http://127.0.0.1:12380 --initial-advertise-peer-urls http://127.0.0.1:12380 --initial-cluster lst=http://127.0.0.1:12380 \
  --logger zap --log-level debug --log-outputs stderr --max-request-bytes 4096 --auto-compaction-retention 0 > $W/etcd.log 2>&1 &
ET=$!
sleep 3
export ETCDCTL_API=3
E="etcdctl --endpoints http://127.0.0.1:12379"
for i in $(seq 1 40); do $E put /config/service-$((i % 8))/replicas "$i" >/dev/null; done
$E put /big "$(head -c 6000 /usr/share/common-licenses/Apache-2.0)" >/dev/null 2>&1
L=$($E lease grant 2 | awk '{print $2}')
$E put --lease=$L /locks/job-1 worker-a >/dev/null
$E txn <<'T' >/dev/null 2>&1
value("/config/service-1/replicas") = "33"

put /config/service-1/state ready

T
REV=$($E endpoint status -w json | sed 's/.*"revision":\([0-9]*\).*/\1/')
$E compaction $((REV - 5)) >/dev/null
$E get /config --prefix --rev=2 >/dev/null 2>&1
$E get /config --prefix --keys-only >/dev/null
sleep 4
$E defrag >/dev/null
$E --endpoints http://127.0.0.1:12399 --dial-timeout 1s get /x >/dev/null 2>&1
$E del /config --prefix >/dev/null
kill $ET; wait $ET 2>/dev/null
source /work/main/bench/corpus/tools/lst-lib.sh
mkcase log etcd-zap-json-single-member $W/etcd.log debian:etcd-server "zap JSON lines (etcd --logger zap)" "Debian etcd-server $(dpkg-query -W -f='${Version}' etcd-server)" \
  "etcd --logger zap --log-level debug --log-outputs stderr --max-request-bytes 4096 ... 2> etcd.log; etcdctl puts, lease, txn, compaction, defrag (see tools/lst-etcd.sh)" \
  "output of etcd run on this machine; no third-party content" "JSON lines: level = the level member, template = level + msg; needle = the line from its \"msg\" member on."
