#!/bin/bash
# MariaDB server: error log (log_warnings=4), general query log and slow query log of a real session mix.
set -u
W=/tmp/lst/maria
rm -rf $W; mkdir -p $W; chown mysql $W
mariadb-install-db --user=mysql --datadir=$W/data --auth-root-authentication-method=normal >/dev/null 2>&1
mariadbd --user=mysql --datadir=$W/data --socket=$W/sock --port=13306 --bind-address=127.0.0.1 --pid-file=$W/pid \
  --log-error=$W/error.log --log-warnings=4 --general-log=1 --general-log-file=$W/general.log \
  --slow-query-log=1 --slow-query-log-file=$W/slow.log --long-query-time=0.02 --log-slow-verbosity=query_plan,explain \
  --innodb-buffer-pool-size=64M --max-connections=20 &
for i in $(seq 1 30); do [ -S $W/sock ] && break; sleep 0.5; done
M="mariadb --socket=$W/sock -uroot"
$M <<'SQL'
CREATE DATABASE inventory;
CREATE USER 'app'@'localhost' IDENTIFIED BY 'apppw';
GRANT ALL ON inventory.* TO 'app'@'localhost';
USE inventory;
CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, sku VARCHAR(32) UNIQUE, qty INT NOT NULL, price DECIMAL(8,2), updated TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
INSERT INTO items (sku, qty, price) SELECT CONCAT('SKU-', seq), seq % 500, (seq % 1000) / 7 FROM seq_1_to_20000;
SQL
for i in $(seq 1 25); do
  mariadb --socket=$W/sock -uapp -papppw inventory -e "SELECT sku, qty FROM items WHERE id = $((i * 733)); UPDATE items SET qty = qty - 1 WHERE id = $((i * 733));" >/dev/null
done
mariadb --socket=$W/sock -uapp -pwrong inventory -e "select 1" >/dev/null 2>&1
mariadb --socket=$W/sock -uintruder -px -e "select 1" >/dev/null 2>&1
mariadb -h127.0.0.1 -P13306 -uapp -pnope inventory -e "select 1" >/dev/null 2>&1
mariadb --socket=$W/sock -uapp -papppw inventory >/dev/null 2>&1 <<'SQL'
SELECT * FROM itemz;
INSERT INTO items (sku, qty, price) VALUES ('SKU-7', 1, 1.00);
INSERT INTO items (sku, qty) VALUES ('SKU-NEW', NULL);
SELECT qty, COUNT(*), SUM(price) FROM items GROUP BY qty ORDER BY 3 DESC LIMIT 5;
SELECT a.sku FROM items a JOIN items b ON a.qty = b.qty WHERE a.id < 400 AND b.id < 400 ORDER BY a.price DESC LIMIT 3;
SELECT SLEEP(0.1);
DROP TABLE nothere;
SQL
# two clients that deadlock
( mariadb --socket=$W/sock -uapp -papppw inventory -e "BEGIN; UPDATE items SET qty=qty WHERE id=1; DO SLEEP(1); UPDATE items SET qty=qty WHERE id=2; COMMIT;" >/dev/null 2>&1 ) &
( sleep 0.3; mariadb --socket=$W/sock -uapp -papppw inventory -e "BEGIN; UPDATE items SET qty=qty WHERE id=2; DO SLEEP(1); UPDATE items SET qty=qty WHERE id=1; COMMIT;" >/dev/null 2>&1 ) &
wait %2 %3 2>/dev/null
# a client that goes away mid-session (aborted connection)
timeout -s KILL 1 mariadb --socket=$W/sock -uapp -papppw inventory -e "SELECT SLEEP(5)" >/dev/null 2>&1
$M -e "SET GLOBAL innodb_print_all_deadlocks=ON" ; sleep 0.5
mariadb-admin --socket=$W/sock -uroot shutdown
wait
source /work/main/bench/corpus/tools/lst-lib.sh
V="Debian mariadb-server $(dpkg-query -W -f='${Version}' mariadb-server)"
LIC="output of MariaDB run on this machine; no third-party content"
CMD="mariadbd --log-error --log-warnings=4 --general-log=1 --slow-query-log=1 --long-query-time=0.02; mariadb clients (see tools/lst-mariadb.sh)"
mkcase log mariadb-error-log-warnings4 $W/error.log debian:mariadb-server "mariadb error log" "$V" "$CMD" "$LIC" ""
mkcase log mariadb-general-query-log $W/general.log debian:mariadb-server "mariadb general query log" "$V" "$CMD" "$LIC" ""
mkcase log mariadb-slow-query-log-explain $W/slow.log debian:mariadb-server "mariadb slow query log (log_slow_verbosity=query_plan,explain)" "$V" "$CMD" "$LIC" ""
