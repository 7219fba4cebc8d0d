#!/bin/bash
# Small daemons' own logs under local traffic: memcached -vv, mosquitto -v, gunicorn (error + access log),
# python3 -m http.server's stderr request log.
set -u
W=/tmp/lst/daemons
rm -rf $W; mkdir -p $W
# memcached -vv: every command it sees, on stderr
memcached -vv -u memcache -l 127.0.0.1 -p 11311 -m 8 -c 64 > $W/memcached.log 2>&1 &
MC=$!
sleep 0.5
python3 - <<'PY'
import socket, time
def conn():
    s = socket.create_connection(('127.0.0.1', 11311)); s.settimeout(0.5); return s
def cmd(s, b):
    s.sendall(b); time.sleep(0.005)
    try: return s.recv(65536)
    except socket.timeout: return b''
s = conn()
for i in range(40):
    cmd(s, b'set session:%d 0 300 %d\r\n%s\r\n' % (i, len(str(i * 7919)), str(i * 7919).encode()))
for i in range(0, 60, 3):
    cmd(s, b'get session:%d\r\n' % i)
cmd(s, b'incr counter 1\r\n'); cmd(s, b'set counter 0 0 1\r\n0\r\n'); cmd(s, b'incr counter 5\r\n')
cmd(s, b'delete session:3\r\n'); cmd(s, b'delete session:3\r\n')
cmd(s, b'bogus command\r\n'); cmd(s, b'set big 0 0 2000000\r\n'); s.close()
s = conn(); cmd(s, b'stats\r\n'); cmd(s, b'flush_all\r\n'); cmd(s, b'quit\r\n')
PY
kill $MC; wait $MC 2>/dev/null
# mosquitto -v with publishers/subscribers, a bad client id, an auth-less broker
cat > $W/mosquitto.conf <<CONF
listener 11883 127.0.0.1
allow_anonymous true
log_dest stdout
log_type all
connection_messages true
max_packet_size 2048
CONF
mosquitto -c $W/mosquitto.conf -v > $W/mosquitto.log 2>&1 &
MQ=$!
sleep 0.5
mosquitto_sub -p 11883 -t 'sensors/#' -C 30 -W 10 -i dashboard >/dev/null &
SUB=$!
sleep 0.3
for i in $(seq 1 30); do mosquitto_pub -p 11883 -t sensors/temp/room$((i % 4)) -m "{\"c\":$((20 + i % 7))}" -q $((i % 3)); done
head -c 4000 /usr/share/common-licenses/MIT 2>/dev/null | mosquitto_pub -p 11883 -t sensors/blob -s 2>/dev/null
head -c 4000 /usr/share/common-licenses/Apache-2.0 | mosquitto_pub -p 11883 -t sensors/blob -s 2>/dev/null
mosquitto_pub -p 11883 -t 'bad/#/topic' -m x 2>/dev/null
mosquitto_pub -p 11883 -V mqttv31 -i 'a-client-id-that-is-far-too-long-for-v31' -t t -m x 2>/dev/null
wait $SUB 2>/dev/null
kill $MQ; wait $MQ 2>/dev/null
# gunicorn serving the stdlib's wsgiref demo app, with a worker timeout hit by a slow client
cd $W
gunicorn --bind 127.0.0.1:18141 --workers 2 --timeout 3 --log-level debug --access-logfile $W/gunicorn-access.log \
  --error-logfile $W/gunicorn-error.log --pid $W/gunicorn.pid wsgiref.simple_server:demo_app &
GU=$!
sleep 2
for i in $(seq 1 40); do curl -s -o /dev/null "http://127.0.0.1:18141/page/$i?q=$i"; done
curl -s -o /dev/null -X POST -d 'a=1' http://127.0.0.1:18141/form
printf 'GET / HTTP/1.1\r\nHost: x\r\n' | timeout 6 bash -c "exec 3<>/dev/tcp/127.0.0.1/18141; cat >&3; sleep 5"
printf 'BREW /pot HTTP/9.9\r\n\r\n' | timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/18141; cat >&3; cat <&3 >/dev/null"
kill -HUP $GU; sleep 2
for i in $(seq 41 60); do curl -s -o /dev/null "http://127.0.0.1:18141/page/$i"; done
kill -TERM $GU; wait $GU 2>/dev/null
# python3 -m http.server: the request log it writes to stderr
(cd /usr/share/doc && timeout 60 /usr/bin/python3 -m http.server 18142 --bind 127.0.0.1 2> $W/http-server.log >/dev/null) &
HS=$!
sleep 1
mapfile -t DOCS < <(cd /usr/share/doc && ls | sort | sed -n '100,220p')
i=0
for p in "${DOCS[@]}"; do i=$((i+1)); curl -s -o /dev/null "http://127.0.0.1:18142/$p/"; [ $((i % 9)) = 0 ] && curl -s -o /dev/null "http://127.0.0.1:18142/$p/NEWS"; done
curl -s -o /dev/null -X POST "http://127.0.0.1:18142/upload"; curl -s -o /dev/null -X DELETE "http://127.0.0.1:18142/x"
printf 'GARBAGE\r\n\r\n' | timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/18142; cat >&3; cat <&3 >/dev/null"
kill $HS 2>/dev/null; pkill -f "http.server 18142" 2>/dev/null; wait $HS 2>/dev/null
source /work/main/bench/corpus/tools/lst-lib.sh
mkcase log memcached-vv-ascii-protocol $W/memcached.log debian:memcached "memcached -vv (stderr)" "Debian memcached $(dpkg-query -W -f='${Version}' memcached)" \
  "memcached -vv -l 127.0.0.1 -p 11311 -m 8 2> memcached.log; ascii-protocol client (see tools/lst-daemons.sh)" "output of memcached run on this machine; no third-party content" ""
mkcase log mosquitto-verbose-broker-log $W/mosquitto.log debian:mosquitto "mosquitto -v (log_type all)" "Debian mosquitto $(dpkg-query -W -f='${Version}' mosquitto)" \
  "mosquitto -c mosquitto.conf -v; mosquitto_sub/mosquitto_pub clients (see tools/lst-daemons.sh)" "output of mosquitto run on this machine; no third-party content" ""
mkcase log gunicorn-error-log-debug $W/gunicorn-error.log debian:gunicorn "gunicorn error log (--log-level debug)" "Debian gunicorn $(dpkg-query -W -f='${Version}' gunicorn)" \
  "gunicorn --workers 2 --timeout 3 --log-level debug --error-logfile ... wsgiref.simple_server:demo_app; curl loop, a stalled client, a bad request line, SIGHUP (see tools/lst-daemons.sh)" "output of gunicorn run on this machine; no third-party content" ""
mkcase log python-http-server-request-log $W/http-server.log host:python3 "python3 -m http.server request log (stderr)" "Debian python3 $(dpkg-query -W -f='${Version}' python3.11)" \
  "cd /usr/share/doc && python3 -m http.server 18142 --bind 127.0.0.1 2> http-server.log; curl loop" "output of python3's http.server run on this machine; no third-party content" "Needles: the status code is taken as the line's level (>=400 counts as WARN or above) and method+status as the template." --access
