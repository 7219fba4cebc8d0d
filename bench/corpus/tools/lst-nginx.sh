#!/bin/bash
# nginx access + error logs under real local traffic (curl loop + ab), loopback only.
# Output: /tmp/lst/nginx/logs/{access.log,error.log}
set -u
W=/tmp/lst/nginx
rm -rf $W; mkdir -p $W/logs $W/tmp $W/www
cp -r /usr/share/nginx/html/. $W/www/
cat > $W/nginx.conf <<CONF
worker_processes 1;
pid $W/nginx.pid;
error_log $W/logs/error.log info;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log $W/logs/access.log combined;
  client_body_temp_path $W/tmp/body; proxy_temp_path $W/tmp/proxy; fastcgi_temp_path $W/tmp/fcgi;
  uwsgi_temp_path $W/tmp/uwsgi; scgi_temp_path $W/tmp/scgi;
  limit_req_zone \$binary_remote_addr zone=api:1m rate=5r/s;
  upstream dead { server 127.0.0.1:9; }
  upstream slow { server 127.0.0.1:18082; }
  server {
    listen 127.0.0.1:18081;
    server_name localhost;
    root $W/www;
    client_max_body_size 2k;
    location /doc/ { alias /usr/share/doc/; autoindex on; }
    location /api/ { limit_req zone=api burst=3 nodelay; proxy_pass http://dead; }
    location /slow/ { proxy_pass http://slow; proxy_read_timeout 1s; }
    location /upload { proxy_pass http://slow; }
    location = /old { return 301 /index.html; }
    location /private/ { deny all; }
  }
}
CONF
# a backend that answers slowly (python's http.server behind a sleep), for upstream timeouts
python3 - 2>/dev/null <<'PY' &
import http.server, time, threading
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if 'sleep' in self.path: time.sleep(2)
        body = b'ok\n'
        self.send_response(200); self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
    do_POST = do_GET
    def log_message(self, *a): pass
s = http.server.ThreadingHTTPServer(('127.0.0.1', 18082), H)
threading.Timer(120, s.shutdown).start()
s.serve_forever()
PY
BACK=$!
nginx -c $W/nginx.conf -e $W/logs/error.log
sleep 1
U=http://127.0.0.1:18081
UA=(-A "curl/7.88.1")
# paths: real files and directories of /usr/share/doc, plus things that are not there
mapfile -t DOCS < <(cd /usr/share/doc && find . -maxdepth 2 | sed 's#^\./##' | sort | head -700)
i=0
for p in "${DOCS[@]}"; do
  i=$((i+1))
  curl -s -o /dev/null "${UA[@]}" "$U/doc/$p"
  case $((i % 23)) in
    0) curl -s -o /dev/null "${UA[@]}" "$U/api/v1/items/$i" ;;
    5) curl -s -o /dev/null -A "Mozilla/5.0 (compatible; scanner)" "$U/wp-login.php" ; curl -s -o /dev/null "$U/.env" ;;
    9) curl -s -o /dev/null "${UA[@]}" "$U/slow/report?id=$i&sleep=1" ;;
    13) curl -s -o /dev/null "${UA[@]}" "$U/slow/health" ;;
    17) head -c 5000 /usr/share/common-licenses/GPL-3 | curl -s -o /dev/null "${UA[@]}" --data-binary @- "$U/upload" ;;
    19) curl -s -o /dev/null "${UA[@]}" "$U/private/secret.txt"; curl -s -o /dev/null "${UA[@]}" "$U/old" ;;
  esac
done
# a burst against the rate limit
for j in $(seq 1 15); do curl -s -o /dev/null "${UA[@]}" "$U/api/v1/items?page=$j"; done
# malformed requests
printf 'GARBAGE\r\n\r\n' | timeout 2 bash -c "cat > /dev/tcp/127.0.0.1/18081" ; sleep 0.2
printf 'GET / HTTP/1.1\r\nHost: localhost\r\nHost: again\r\n\r\n' | timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/18081; cat >&3; cat <&3 >/dev/null"
# keep-alive load with ab
ab -q -k -n 300 -c 4 "$U/index.html" > /dev/null 2>&1
ab -q -n 60 -c 2 "$U/doc/nginx/copyright" > /dev/null 2>&1
nginx -c $W/nginx.conf -s quit
sleep 1
kill $BACK 2>/dev/null; wait $BACK 2>/dev/null
source /work/main/bench/corpus/tools/lst-lib.sh
V=$(dpkg-query -W -f='${Version}' nginx-core 2>/dev/null || dpkg-query -W -f='${Version}' nginx)
LIC="output of nginx run on this machine; no third-party content (request paths name files of /usr/share/doc)"
mkcase log nginx-access-combined-local-traffic $W/logs/access.log debian:nginx "nginx access log (combined)" "Debian nginx $V" \
  "nginx -c $W/nginx.conf; curl loop over /usr/share/doc paths + ab -k (see tools/lst-nginx.sh)" "$LIC" \
  "Needles: README's template folds every access line into one (the request is a quoted string), so the status code is taken as the line's level (>=400 counts as WARN or above) and method+status as the template." --access
mkcase log nginx-error-log-info-level $W/logs/error.log debian:nginx "nginx error log (info level)" "Debian nginx $V" \
  "nginx -c $W/nginx.conf with error_log info; same traffic as the access log case" "$LIC" ""
