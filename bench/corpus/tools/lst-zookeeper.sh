#!/bin/bash
# Apache ZooKeeper (Debian, log4j 1.2 ROLLINGFILE at INFO) standalone on 127.0.0.1:12181, driven by zkCli.sh
# with good and failing commands and by four-letter words (most not whitelisted).
set -u
W=/tmp/lst/zk
rm -rf $W; mkdir -p $W/conf $W/data $W/log
cp /etc/zookeeper/conf/log4j.properties $W/conf/
cat > $W/conf/zoo.cfg <<CONF
tickTime=2000
dataDir=$W/data
clientPort=12181
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=srvr,stat
maxClientCnxns=5
CONF
CP="$W/conf:/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2.jar"
java -cp "$CP" -Dzookeeper.log.dir=$W/log -Dzookeeper.root.logger=INFO,ROLLINGFILE \
  org.apache.zookeeper.server.quorum.QuorumPeerMain $W/conf/zoo.cfg > $W/stdout.txt 2>&1 &
ZK=$!
sleep 4
CLI() { java -cp "$CP" -Dzookeeper.log.dir=$W/log -Dzookeeper.root.logger=WARN,CONSOLE org.apache.zookeeper.ZooKeeperMain -server 127.0.0.1:12181 "$@" >/dev/null 2>&1; }
CLI create /app ''
CLI create /app/config '{"replicas":3}'
for i in 1 2 3 4 5; do CLI create -e -s /app/lock- "worker-$i"; done
CLI get /app/config
CLI get /app/missing
CLI delete /app
CLI set /app/config '{"replicas":5}' 7
CLI create /app/config again
CLI deleteall /app
for w in ruok srvr stat dump envi; do echo $w | timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/12181; cat >&3; cat <&3" >/dev/null 2>&1; done
# more clients than maxClientCnxns from one host
pids=""
for i in 1 2 3 4 5 6 7; do (exec 3<>/dev/tcp/127.0.0.1/12181; sleep 3) 2>/dev/null & pids="$pids $!"; done
wait $pids 2>/dev/null
sleep 1
kill $ZK; wait $ZK 2>/dev/null
source /work/main/bench/corpus/tools/lst-lib.sh
mkcase log zookeeper-log4j-standalone $W/log/zookeeper.log debian:zookeeper "log4j PatternLayout (%d{ISO8601} - %-5p [%t:%C{1}@%L] - %m%n)" "Debian zookeeper $(dpkg-query -W -f='${Version}' zookeeper)" \
  "java ... org.apache.zookeeper.server.quorum.QuorumPeerMain zoo.cfg (zookeeper.root.logger=INFO,ROLLINGFILE); zkCli commands, four-letter words, too many connections (see tools/lst-zookeeper.sh)" \
  "output of ZooKeeper run on this machine; no third-party content" ""
