#!/bin/bash
# A throwaway PostgreSQL 15 cluster on 127.0.0.1:15432 with real errors: bad SQL, failed password auth,
# a deadlock, constraint violations, checkpoints; pgbench for steady statement traffic.
# Logs: stderr log, csvlog and jsonlog of the same run.
set -u
W=/tmp/lst/pg
B=/usr/lib/postgresql/15/bin
rm -rf $W; mkdir -p $W; chown postgres $W
su postgres -c "$B/initdb -D $W/data -A scram-sha-256 --pwfile=<(echo postgrespw) -U postgres" >/dev/null
cat >> $W/data/postgresql.conf <<CONF
listen_addresses = '127.0.0.1'
port = 15432
unix_socket_directories = '$W'
logging_collector = on
log_directory = '$W/log'
log_filename = 'postgresql-%H%M%S.log'
log_destination = 'stderr,csvlog,jsonlog'
log_line_prefix = '%m [%p] %q%u@%d '
log_checkpoints = on
log_connections = on
log_disconnections = on
log_lock_waits = on
deadlock_timeout = 200ms
log_min_duration_statement = 50
log_autovacuum_min_duration = 0
autovacuum_naptime = 2
checkpoint_timeout = 30s
log_temp_files = 0
work_mem = 64kB
CONF
su postgres -c "$B/pg_ctl -D $W/data -l $W/pg_ctl.log -w start" >/dev/null
export PGHOST=127.0.0.1 PGPORT=15432 PGUSER=postgres PGPASSWORD=postgrespw
psql -q -c "CREATE ROLE app LOGIN PASSWORD 'apppw'" -c "CREATE DATABASE shop OWNER app"
export PGPASSWORD=apppw
psql -q -U app -d shop <<'SQL'
CREATE TABLE customers (id serial PRIMARY KEY, email text UNIQUE NOT NULL, created timestamptz DEFAULT now());
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int REFERENCES customers(id), total numeric(10,2) CHECK (total >= 0), status text);
INSERT INTO customers (email) SELECT 'user' || g || '@example.test' FROM generate_series(1, 5000) g;
INSERT INTO orders (customer_id, total, status) SELECT 1 + (g % 5000), (g % 997) / 3.0, (ARRAY['new','paid','shipped','refunded'])[1 + g % 4] FROM generate_series(1, 50000) g;
SQL
pgbench -U app -i -s 2 shop >/dev/null 2>&1
pgbench -U app -c 4 -j 2 -T 20 shop >/dev/null 2>&1 &
PB=$!
# failed logins
for i in 1 2 3; do PGPASSWORD=wrong$i psql -U app -d shop -c 'select 1' >/dev/null 2>&1; done
PGPASSWORD=x psql -U nobody -d shop -c 'select 1' >/dev/null 2>&1
psql -U app -d nosuchdb -c 'select 1' >/dev/null 2>&1
# bad SQL and constraint violations
psql -U app -d shop >/dev/null 2>&1 <<'SQL'
SELECT * FROM orderz;
SELECT count(*) FROM orders WHERE totl > 10;
INSERT INTO customers (email) VALUES ('user7@example.test');
INSERT INTO orders (customer_id, total) VALUES (999999, 5);
INSERT INTO orders (customer_id, total) VALUES (1, -3);
SELECT 1/0;
SELECT 'abc'::int;
UPDATE orders SET status = 'paid' WHERE id = ;
SELECT o.status, count(*), sum(total) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY 1 ORDER BY 3 DESC;
SELECT * FROM orders ORDER BY total DESC, status LIMIT 5 OFFSET 40000;
SQL
# a deadlock between two sessions
( psql -U app -d shop -c "BEGIN; UPDATE customers SET email = email WHERE id = 1; SELECT pg_sleep(1); UPDATE customers SET email = email WHERE id = 2; COMMIT;" >/dev/null 2>&1 ) &
( sleep 0.3; psql -U app -d shop -c "BEGIN; UPDATE customers SET email = email WHERE id = 2; SELECT pg_sleep(1); UPDATE customers SET email = email WHERE id = 1; COMMIT;" >/dev/null 2>&1 ) &
wait %2 %3 2>/dev/null
# a statement cancelled by statement_timeout
psql -U app -d shop -c "SET statement_timeout = '300ms'; SELECT pg_sleep(2);" >/dev/null 2>&1
wait $PB
PGPASSWORD=postgrespw psql -q -c "CHECKPOINT" >/dev/null
sleep 3
su postgres -c "$B/pg_ctl -D $W/data -m fast -w stop" >/dev/null
source /work/main/bench/corpus/tools/lst-lib.sh
V=$(dpkg-query -W -f='${Version}' postgresql-15)
LIC="output of PostgreSQL run on this machine; no third-party content"
CMD="initdb + pg_ctl start (log_destination='stderr,csvlog,jsonlog'), psql errors, pgbench -c 4 -T 20, deadlock, pg_ctl stop (see tools/lst-postgres.sh)"
mkcase log postgresql-stderr-log-errors-deadlock $W/log/postgresql-*.log debian:postgresql-15 "postgresql stderr log (log_line_prefix '%m [%p] %q%u@%d ')" "Debian postgresql-15 $V" "$CMD" "$LIC" ""
mkcase log postgresql-csvlog-errors $W/log/postgresql-*.csv debian:postgresql-15 "postgresql csvlog" "Debian postgresql-15 $V" "$CMD" "$LIC" \
  "Records with a quoted multi-line field span several lines; each line is templated on its own as the rule says."
mkcase log postgresql-jsonlog-errors $W/log/postgresql-*.json debian:postgresql-15 "postgresql jsonlog (JSON lines)" "Debian postgresql-15 $V" "$CMD" "$LIC" \
  "JSON lines: level = error_severity, template = level + message (README's template would fold every line into its key set); needle = the line from its \"message\" member on."
