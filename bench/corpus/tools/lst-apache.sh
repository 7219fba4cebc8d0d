#!/bin/bash
# apache2 access (common log format + %D) and error log (LogLevel info, auth/proxy/rewrite trace) under local traffic.
set -u
W=/tmp/lst/apache
rm -rf $W; mkdir -p $W/logs $W/www/docs $W/www/secure
cp /usr/share/apache2/default-site/index.html $W/www/ 2>/dev/null || cp /var/www/html/index.html $W/www/
htpasswd -cb $W/htpasswd alice wonderland 2>/dev/null
M=/usr/lib/apache2/modules
cat > $W/httpd.conf <<CONF
ServerRoot /etc/apache2
LoadModule mpm_event_module $M/mod_mpm_event.so
LoadModule authz_core_module $M/mod_authz_core.so
LoadModule authz_host_module $M/mod_authz_host.so
LoadModule authn_core_module $M/mod_authn_core.so
LoadModule authn_file_module $M/mod_authn_file.so
LoadModule authz_user_module $M/mod_authz_user.so
LoadModule auth_basic_module $M/mod_auth_basic.so
LoadModule alias_module $M/mod_alias.so
LoadModule autoindex_module $M/mod_autoindex.so
LoadModule dir_module $M/mod_dir.so
LoadModule mime_module $M/mod_mime.so
LoadModule rewrite_module $M/mod_rewrite.so
LoadModule proxy_module $M/mod_proxy.so
LoadModule proxy_http_module $M/mod_proxy_http.so
LoadModule reqtimeout_module $M/mod_reqtimeout.so
PidFile $W/httpd.pid
Listen 127.0.0.1:18091
ServerName localhost
User www-data
Group www-data
TypesConfig /etc/mime.types
ErrorLog $W/logs/error.log
LogLevel info rewrite:trace2
LogFormat "%h %l %u %t \"%r\" %>s %b %D" commontime
CustomLog $W/logs/access.log commontime
DocumentRoot $W/www
DirectoryIndex index.html
RequestReadTimeout header=2 body=2
<Directory $W/www>
  Require all granted
  RewriteEngine On
  RewriteRule ^legacy/(.*)$ /docs/\$1 [R=301,L]
</Directory>
Alias /docs /usr/share/doc
<Directory /usr/share/doc>
  Options Indexes
  Require all granted
</Directory>
<Location /secure>
  AuthType Basic
  AuthName "restricted"
  AuthUserFile $W/htpasswd
  Require valid-user
</Location>
<Location /admin>
  Require ip 10.0.0.1
</Location>
ProxyPass /backend http://127.0.0.1:9/
ProxyTimeout 2
CONF
chown -R www-data $W/logs
apache2 -f $W/httpd.conf -k start
sleep 1
U=http://127.0.0.1:18091
mapfile -t DOCS < <(cd /usr/share/doc && ls | sort | head -150)
i=0
for p in "${DOCS[@]}"; do
  i=$((i+1))
  curl -s -o /dev/null "$U/docs/$p/"
  curl -s -o /dev/null "$U/docs/$p/copyright"
  case $((i % 11)) in
    0) curl -s -o /dev/null -u alice:wonderland "$U/secure/" ;;
    2) curl -s -o /dev/null -u alice:guess$i "$U/secure/" ;;
    4) curl -s -o /dev/null -u mallory:x "$U/secure/" ;;
    5) curl -s -o /dev/null "$U/legacy/$p/changelog.Debian.gz" ;;
    7) curl -s -o /dev/null "$U/backend/status" ;;
    8) curl -s -o /dev/null "$U/admin/" ;;
    9) curl -s -o /dev/null "$U/docs/$p/README.md" ;;
  esac
done
curl -s -o /dev/null --path-as-is "$U/../../etc/passwd"
printf 'GET /index.html HTTP/1.1\r\n' | timeout 4 bash -c "exec 3<>/dev/tcp/127.0.0.1/18091; cat >&3; cat <&3 >/dev/null"
ab -q -n 200 -c 4 "$U/index.html" >/dev/null 2>&1
apache2 -f $W/httpd.conf -k graceful-stop
sleep 2
source /work/main/bench/corpus/tools/lst-lib.sh
V=$(dpkg-query -W -f='${Version}' apache2-bin)
LIC="output of apache2 run on this machine; no third-party content (request paths name files of /usr/share/doc)"
mkcase log apache2-access-common-with-duration $W/logs/access.log debian:apache2 "apache2 access log (common + %D)" "Debian apache2-bin $V" \
  "apache2 -f $W/httpd.conf -k start; curl loop + ab (see tools/lst-apache.sh)" "$LIC" \
  "Needles: the status code is taken as the line's level (>=400 counts as WARN or above) and method+status as the template, since README's template folds every access line into one." --access
mkcase log apache2-error-log-rewrite-trace $W/logs/error.log debian:apache2 "apache2 error log (LogLevel info rewrite:trace2)" "Debian apache2-bin $V" \
  "apache2 -f $W/httpd.conf -k start with LogLevel info rewrite:trace2; same traffic as the access log case" "$LIC" ""
