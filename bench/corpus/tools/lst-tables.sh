#!/bin/bash
# table cases: system tables (ps, top, df, free, vmstat, ss, netstat, lsof, dpkg -l, pip list, npm outdated),
# database client tables (psql aligned / expanded / csv / \d+, sqlite3 column / csv / box / markdown,
# mariadb -t / -B, etcdctl -w table, pg_lsclusters) and CSV/TSV files shipped in packages.
set -u
source /work/main/bench/corpus/tools/lst-lib.sh
W=/tmp/lst/tables
rm -rf $W; mkdir -p $W
T() { # SLUG PROJECT FORMAT SOURCE COMMAND LICENSE NOTES [needle options] ; runs COMMAND with bash
  local slug=$1 project=$2 format=$3 source=$4 cmd=$5 lic=$6 notes=$7; shift 7
  bash -c "$cmd" > $W/$slug.txt 2>/dev/null
  mkcase table "$slug" $W/$slug.txt "$project" "$format" "$source" "$cmd" "$lic" "$notes" "$@"
}
F() { # SLUG PROJECT FORMAT SOURCE FILE LICENSE NOTES [needle options] ; a file as shipped
  local slug=$1 project=$2 format=$3 source=$4 file=$5 lic=$6 notes=$7; shift 7
  mkcase table "$slug" "$file" "$project" "$format" "$source" "cat $file" "$lic" "$notes" "$@"
}
dv() { dpkg-query -W -f='${Version}' $1; }
HOST="output of %s run on this machine; no third-party content"
# ---- services to look at
B=/usr/lib/postgresql/15/bin
[ -d /tmp/lst/pg/data ] || bash /work/main/bench/corpus/tools/lst-postgres.sh
sed -i "s/^logging_collector = on/logging_collector = off/" /tmp/lst/pg/data/postgresql.conf
su postgres -c "$B/pg_ctl -D /tmp/lst/pg/data -l /tmp/lst/pg/tables-run.log -w start" >/dev/null
export PGHOST=127.0.0.1 PGPORT=15432 PGUSER=app PGPASSWORD=apppw PGDATABASE=shop
pgbench -c 3 -j 1 -T 25 shop >/dev/null 2>&1 &
PB=$!
M=/tmp/lst/maria
[ -d $M/data ] || bash /work/main/bench/corpus/tools/lst-mariadb.sh
[ -d /tmp/lst/vega/package ] || (mkdir -p /tmp/lst/vega && cd /tmp/lst/vega && npm pack vega-datasets@3.2.1 >/dev/null 2>&1 && tar xzf vega-datasets-3.2.1.tgz)
mariadbd --user=mysql --datadir=$M/data --socket=$M/sock --port=13306 --bind-address=127.0.0.1 --pid-file=$M/pid --log-error=$M/tables-run.err &
MD=$!
redis-server --port 16379 --bind 127.0.0.1 --save '' --daemonize yes --pidfile $W/redis.pid --logfile /dev/null
etcd --name lst --data-dir $W/etcd --listen-client-urls http://127.0.0.1:12379 --advertise-client-urls http://127.0.0.1:12379 \
  --listen-peer-urls http://127.0.0.1:12380 --initial-advertise-peer-urls http://127.0.0.1:12380 --initial-cluster lst=http://127.0.0.1:12380 > /dev/null 2>&1 &
ET=$!
for i in $(seq 1 30); do [ -S $M/sock ] && break; sleep 0.5; done
sleep 3
# ---- process and system tables
T ps-o-postgres-backends host:procps "ps -o ... -C" "procps $(dv procps)" \
  "ps -o user,pid,ppid,%cpu,%mem,vsz,rss,stat,start,time,args -C postgres" "$(printf "$HOST" ps)" "" --fail='\sZ[sl+<N]*\s'
T top-b-n1-postgres-user host:procps "top -b -n 1" "procps $(dv procps)" "top -b -n 1 -u postgres -w 160" "$(printf "$HOST" top)" \
  "Header line = the column header row (the summary lines above it are top's preamble)." --header=6 --skip=7
T vmstat-wide-1s-5 host:procps "vmstat -w 1 5" "procps $(dv procps)" "vmstat -w 1 5" "$(printf "$HOST" vmstat)" "Header line = vmstat's second header row (the first row names column groups)." --header=1 --skip=2
T free-h-wide host:procps "free -h -w" "procps $(dv procps)" "free -h -w" "$(printf "$HOST" free)" ""
T df-hT host:coreutils "df -hT -x tmpfs" "coreutils $(dv coreutils)" "df -hT -x tmpfs" "$(printf "$HOST" df)" ""
T ss-tlnp-listeners host:iproute2 "ss -tlnp (with a filter)" "iproute2 $(dv iproute2)" "ss -tlnp 'sport >= :10000'" "$(printf "$HOST" ss)" ""
T netstat-i-interfaces host:net-tools "netstat -i" "net-tools $(dv net-tools)" "netstat -i" "$(printf "$HOST" netstat)" "" --header=1 --skip=2
T lsof-i-listen-established host:lsof "lsof -nP -i" "lsof $(dv lsof)" "lsof -nP -iTCP -a -c postgres -c mariadbd -c redis-ser -c etcd" "$(printf "$HOST" lsof)" ""
T dpkg-l-python3 host:dpkg "dpkg -l" "dpkg $(dv dpkg)" "COLUMNS=160 dpkg -l 'python3*'" "$(printf "$HOST" dpkg)" \
  "Header line = the Name/Version/Architecture/Description row (dpkg -l prints a 3-line legend above it)." --header=3 --skip=5 --fail='^(iU|iF|iH|iW|iT|..R)\s'
T pip-list-pyenv host:pip "pip list" "pip $(pip --version | cut -d' ' -f2) ($(python3 --version))" "pip list" "$(printf "$HOST" pip)" ""
# npm outdated in a project pinned to old releases
mkdir -p $W/outdated && (cd $W/outdated && npm init -y >/dev/null && npm install --no-audit --no-fund --save-exact lodash@4.17.15 express@4.17.1 commander@9.0.0 chalk@4.1.0 typescript@4.9.5 uuid@8.3.2 semver@7.3.5 >/dev/null 2>&1)
T npm-outdated-pinned-project npm:npm "npm outdated" "npm $(npm --version)" "cd $W/outdated && npm outdated" "$(printf "$HOST" npm) (package names and versions from the npm registry)" ""
# ---- database clients
T psql-aligned-pg-stat-user-tables debian:postgresql-client-15 "psql aligned" "psql $(dv postgresql-client-15)" \
  "psql -c 'SELECT relname, seq_scan, seq_tup_read, idx_scan, n_tup_ins, n_tup_upd, n_tup_del, n_live_tup, n_dead_tup, last_autovacuum FROM pg_stat_user_tables ORDER BY n_live_tup DESC'" \
  "$(printf "$HOST" psql)" "" --until='^\([0-9]+ rows?\)$'
T psql-expanded-pg-stat-activity debian:postgresql-client-15 "psql \\x expanded" "psql $(dv postgresql-client-15)" \
  "PGUSER=postgres PGPASSWORD=postgrespw psql -x -c 'SELECT pid, usename, application_name, client_addr, backend_start, state, wait_event_type, wait_event, backend_type, left(query, 60) AS query FROM pg_stat_activity ORDER BY pid'" \
  "$(printf "$HOST" psql)" "Expanded output has no header row: the first record's separator line stands for the header, and each record's first field line (pid) is its row." --header=0 --rows='^pid\s+\|'
T psql-csv-orders-by-status debian:postgresql-client-15 "psql --csv" "psql $(dv postgresql-client-15)" \
  "psql --csv -c 'SELECT customer_id, status, count(*) AS orders, sum(total) AS total, min(id) AS first_order FROM orders GROUP BY 1, 2 HAVING count(*) > 2 ORDER BY 1, 2'" \
  "$(printf "$HOST" psql)" "" --csv
T psql-describe-table-orders debian:postgresql-client-15 "psql \\d+" "psql $(dv postgresql-client-15)" "psql -c '\\d+ orders'" "$(printf "$HOST" psql)" \
  "Header line = the column header row under the table title." --header=1 --skip=3 --until='^(Indexes|Check|Foreign|Access|Referenced|Not-null)|^ {4}'
mkdir -p $W/sq
sqlite3 $W/sq/weather.db ".import --csv /tmp/lst/vega/package/data/seattle-weather.csv weather" ".import --csv /usr/share/distro-info/debian.csv debian" 2>/dev/null
T sqlite3-header-column-monthly debian:sqlite3 "sqlite3 -header -column" "sqlite3 $(dv sqlite3)" \
  "sqlite3 -header -column $W/sq/weather.db \"SELECT substr(date,1,7) AS month, count(*) AS days, round(sum(precipitation),1) AS precip, max(temp_max) AS tmax, min(temp_min) AS tmin, group_concat(DISTINCT weather) AS kinds FROM weather GROUP BY 1 ORDER BY 1\"" \
  "$(printf "$HOST" sqlite3) (rows from vega-datasets seattle-weather.csv, U.S. Government work)" "" --header=0 --skip=2
T sqlite3-csv-rainy-days debian:sqlite3 "sqlite3 -csv -header" "sqlite3 $(dv sqlite3)" \
  "sqlite3 -csv -header $W/sq/weather.db \"SELECT date, precipitation, temp_max, temp_min, wind, weather FROM weather WHERE precipitation > 15 ORDER BY precipitation DESC\"" \
  "$(printf "$HOST" sqlite3) (rows from vega-datasets seattle-weather.csv, U.S. Government work)" "" --csv
T sqlite3-box-debian-releases debian:sqlite3 "sqlite3 -box" "sqlite3 $(dv sqlite3)" "sqlite3 -box $W/sq/weather.db 'SELECT * FROM debian'" \
  "$(printf "$HOST" sqlite3) (rows from distro-info-data debian.csv, ISC)" "Header line = the box's first text row." --header=1 --skip=2
T sqlite3-markdown-windy-months debian:sqlite3 "sqlite3 -markdown" "sqlite3 $(dv sqlite3)" \
  "sqlite3 -markdown $W/sq/weather.db \"SELECT substr(date,1,4) AS year, weather, count(*) AS days, round(avg(wind),2) AS avg_wind FROM weather GROUP BY 1, 2 ORDER BY 1, 3 DESC\"" \
  "$(printf "$HOST" sqlite3) (rows from vega-datasets seattle-weather.csv, U.S. Government work)" "" --header=0 --skip=2
MC="mariadb --socket=$M/sock -uroot"
T mariadb-t-information-schema-tables debian:mariadb-client "mariadb -t" "mariadb-client $(dv mariadb-client)" \
  "$MC -t -e \"SELECT table_schema, table_name, engine, table_rows, data_length, index_length, create_time FROM information_schema.tables WHERE table_schema IN ('mysql','inventory','performance_schema') ORDER BY table_schema, table_name\"" \
  "$(printf "$HOST" mariadb)" "" --header=1 --skip=2
T mariadb-B-show-variables-innodb debian:mariadb-client "mariadb -B (tab-separated)" "mariadb-client $(dv mariadb-client)" \
  "$MC -B -e \"SHOW GLOBAL VARIABLES LIKE 'innodb%'\"" "$(printf "$HOST" mariadb)" "" --sep=tab
T mariadb-t-processlist-explain debian:mariadb-client "mariadb -t (EXPLAIN)" "mariadb-client $(dv mariadb-client)" \
  "$MC -t inventory -e \"EXPLAIN SELECT a.sku, b.sku FROM items a JOIN items b ON a.qty = b.qty WHERE a.price > 100 ORDER BY a.updated\"" "$(printf "$HOST" mariadb)" "" --header=1 --skip=2
export ETCDCTL_API=3
for i in $(seq 1 5); do etcdctl --endpoints http://127.0.0.1:12379 put /k$i v$i >/dev/null; done
T etcdctl-endpoint-status-table debian:etcd-client "etcdctl -w table (stderr included)" "etcd-client $(dv etcd-client)" \
  "etcdctl --endpoints http://127.0.0.1:12379,http://localhost:12379,http://127.0.0.1:12399 --dial-timeout 1s endpoint status -w table 2>&1" "$(printf "$HOST" etcdctl)" "stdout and stderr together: etcdctl reports the unreachable endpoint on stderr above the table." --header-re='ENDPOINT' --until='^[{A-Z]'
T column-t-etc-group host:column "column -t -s:" "bsdextrautils $(dv bsdextrautils)" "column -t -s: -N GROUP,PASSWD,GID,MEMBERS /etc/group" "$(printf "$HOST" column)" ""
T lsof-postgres-all-files host:lsof "lsof -c (all open files)" "lsof $(dv lsof)" "lsof -nP -c postgres" "$(printf "$HOST" lsof)" ""
T dpkg-l-golang host:dpkg "dpkg -l" "dpkg $(dv dpkg)" "COLUMNS=160 dpkg -l 'golang*'" "$(printf "$HOST" dpkg)" \
  "Header line = the Name/Version/Architecture/Description row (dpkg -l prints a 3-line legend above it)." --header=3 --skip=5 --fail='^(iU|iF|iH|iW|iT|..R)\s'
T psql-aligned-customers-800 debian:postgresql-client-15 "psql aligned" "psql $(dv postgresql-client-15)" \
  "psql -c 'SELECT c.id, c.email, c.created, count(o.id) AS orders, coalesce(sum(o.total), 0) AS spent FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id ORDER BY c.id LIMIT 800'" \
  "$(printf "$HOST" psql)" "" --until='^\([0-9]+ rows?\)$'
T mariadb-t-items-600 debian:mariadb-client "mariadb -t" "mariadb-client $(dv mariadb-client)" \
  "$MC -t inventory -e 'SELECT id, sku, qty, price, updated FROM items WHERE qty < 30 ORDER BY qty, id LIMIT 600'" "$(printf "$HOST" mariadb)" "" --header=1 --skip=2
T sqlite3-column-weather-full debian:sqlite3 "sqlite3 -header -column" "sqlite3 $(dv sqlite3)" \
  "sqlite3 -header -column $W/sq/weather.db 'SELECT * FROM weather'" \
  "$(printf "$HOST" sqlite3) (rows from vega-datasets seattle-weather.csv, U.S. Government work)" "" --header=0 --skip=2
T pip-list-verbose host:pip "pip list -v" "pip $(pip --version | cut -d' ' -f2) ($(python3 --version))" "pip list -v" "$(printf "$HOST" pip)" ""
# ---- files shipped in packages
F csv-vega-airports npm:vega-datasets "CSV file" "npm vega-datasets@3.2.1 data/airports.csv" /tmp/lst/vega/package/data/airports.csv \
  "U.S. Government work (per the package's datapackage.json); package BSD-3-Clause" "" --csv
F tsv-vega-unemployment npm:vega-datasets "TSV file" "npm vega-datasets@3.2.1 data/unemployment.tsv" /tmp/lst/vega/package/data/unemployment.tsv \
  "U.S. Government work (per the package's datapackage.json); package BSD-3-Clause" "" --sep=tab
F csv-distro-info-ubuntu debian:distro-info-data "CSV file" "Debian distro-info-data $(dv distro-info-data) /usr/share/distro-info/ubuntu.csv" /usr/share/distro-info/ubuntu.csv \
  "ISC (Debian package distro-info-data)" "" --csv
F csv-matplotlib-stocks debian:python-matplotlib-data "CSV file" "Debian python-matplotlib-data $(dv python-matplotlib-data) sample_data/Stocks.csv" /usr/share/matplotlib/mpl-data/sample_data/Stocks.csv \
  "matplotlib's licence (PSF-based; Debian package python-matplotlib-data)" "" --csv
F csv-gdal-s57-objectclasses debian:gdal-data "CSV file" "Debian gdal-data $(dv gdal-data) /usr/share/gdal/s57objectclasses.csv" /usr/share/gdal/s57objectclasses.csv \
  "MIT (Debian package gdal-data, see /usr/share/doc/gdal-data/copyright)" "" --csv
# ---- stop what was started here
wait $PB 2>/dev/null
su postgres -c "$B/pg_ctl -D /tmp/lst/pg/data -m fast -w stop" >/dev/null
mariadb-admin --socket=$M/sock -uroot shutdown; wait $MD 2>/dev/null
redis-cli -p 16379 shutdown nosave >/dev/null 2>&1
kill $ET; wait $ET 2>/dev/null
