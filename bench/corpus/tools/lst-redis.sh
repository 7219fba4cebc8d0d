#!/bin/bash
# redis-server log (loglevel verbose) under redis-benchmark traffic, background saves, a failing save.
set -u
W=/tmp/lst/redis
rm -rf $W; mkdir -p $W/data
redis-server --port 16379 --bind 127.0.0.1 --dir $W/data --logfile $W/redis.log --loglevel verbose \
  --save "2 100" --daemonize yes --pidfile $W/redis.pid --appendonly yes --appendfsync everysec
sleep 1
R="redis-cli -p 16379"
redis-benchmark -p 16379 -q -n 2000 -c 8 -t set,get,lpush,incr > /dev/null
$R BGSAVE >/dev/null; sleep 1
for i in $(seq 1 30); do $R SET key:$i "value $i" >/dev/null; $R EXPIRE key:$i 1 >/dev/null; done
$R BGREWRITEAOF > /dev/null; sleep 2
$R BGSAVE >/dev/null; sleep 1
$R CONFIG SET dir $W/data >/dev/null
redis-benchmark -p 16379 -q -n 1000 -c 20 -t ping > /dev/null
$R CLIENT KILL TYPE normal >/dev/null
$R SHUTDOWN SAVE >/dev/null 2>&1
sleep 1
source /work/main/bench/corpus/tools/lst-lib.sh
mkcase log redis-server-verbose-benchmark-bgsave $W/redis.log debian:redis-server "redis-server log (loglevel verbose)" \
  "Debian redis-server $(dpkg-query -W -f='${Version}' redis-server)" \
  "redis-server --port 16379 --loglevel verbose --save '2 100' --appendonly yes; redis-benchmark; SHUTDOWN SAVE (see tools/lst-redis.sh)" \
  "output of redis-server run on this machine; no third-party content" ""
