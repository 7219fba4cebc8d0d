#!/bin/bash
# haproxy (HTTP mode, health checks, one dead server) logging through rsyslogd (imudp on 127.0.0.1:15514)
# into a syslog file; traffic from a bounded curl loop.
set -u
W=/tmp/lst/haproxy
rm -rf $W; mkdir -p $W
cat > $W/rsyslog.conf <<CONF
module(load="imudp")
input(type="imudp" address="127.0.0.1" port="15514")
\$WorkDirectory $W
\$ActionFileDefaultTemplate RSYSLOG_TraditionalFileFormat
*.* $W/syslog
CONF
rsyslogd -n -f $W/rsyslog.conf -i $W/rsyslog.pid &
RS=$!
(cd /usr/share/doc && timeout 90 python3 -m http.server 18132 --bind 127.0.0.1 >/dev/null 2>&1) &
B1=$!
(cd /usr/share/doc && timeout 30 python3 -m http.server 18134 --bind 127.0.0.1 >/dev/null 2>&1) &
B3=$!
cat > $W/haproxy.cfg <<CONF
global
  log 127.0.0.1:15514 local0 info
  pidfile $W/haproxy.pid
defaults
  mode http
  log global
  option httplog
  option dontlognull
  timeout connect 1s
  timeout client 5s
  timeout server 2s
frontend web
  bind 127.0.0.1:18131
  http-request deny if { path_beg /admin }
  default_backend docs
backend docs
  balance roundrobin
  option httpchk GET /
  default-server inter 1s fall 2 rise 2
  server doc1 127.0.0.1:18132 check
  server doc2 127.0.0.1:18133 check
  server doc3 127.0.0.1:18134 check
CONF
haproxy -f $W/haproxy.cfg > $W/haproxy-stderr.log 2>&1 &
HP=$!
sleep 3
mapfile -t DOCS < <(cd /usr/share/doc && ls | sort | head -200)
i=0
for p in "${DOCS[@]}"; do
  i=$((i+1))
  curl -s -o /dev/null "http://127.0.0.1:18131/$p/copyright"
  [ $((i % 25)) = 0 ] && curl -s -o /dev/null "http://127.0.0.1:18131/admin/users"
  [ $((i % 40)) = 0 ] && curl -s -o /dev/null "http://127.0.0.1:18131/$p/missing"
done
sleep 31   # doc3's backend exits by itself (timeout 30): haproxy notices it going DOWN
for p in "${DOCS[@]:0:60}"; do curl -s -o /dev/null "http://127.0.0.1:18131/$p/copyright"; done
kill -USR1 $HP; wait $HP 2>/dev/null
sleep 1
kill $RS; wait $RS 2>/dev/null
kill $B1 $B3 2>/dev/null; wait 2>/dev/null
source /work/main/bench/corpus/tools/lst-lib.sh
mkcase log haproxy-httplog-via-rsyslog $W/syslog debian:haproxy "syslog file (rsyslog traditional format) with haproxy httplog" "Debian haproxy $(dpkg-query -W -f='${Version}' haproxy), rsyslog $(dpkg-query -W -f='${Version}' rsyslog)" \
  "rsyslogd -n -f rsyslog.conf (imudp 127.0.0.1:15514 -> file); haproxy -f haproxy.cfg (3 servers, one never up, one stopping); curl loop (see tools/lst-haproxy.sh)" \
  "output of haproxy and rsyslog run on this machine; no third-party content" ""
