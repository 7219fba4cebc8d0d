#!/bin/bash
# Regenerates every log, search and table case of helper `lst` (bench/corpus/{log,search,table}).
# Needs root (services run here, loopback only), Debian's apt archive and the npm registry. Scratch: /tmp/lst.
# Each script stops what it starts. Outputs differ run to run (timestamps, pids); needles are re-picked.
set -u
T=/work/main/bench/corpus/tools
apt-get update -qq
apt-get install -y -qq --no-install-recommends nginx apache2 apache2-utils redis-server redis-tools mariadb-server openssh-server \
  sshpass ripgrep silversearcher-ag ack moreutils ltrace strace tcpdump rsyslog haproxy memcached mosquitto mosquitto-clients \
  gunicorn etcd-server etcd-client dnsutils dnsmasq-base zookeeper libslf4j-java liblog4j1.2-java postgresql-15 sqlite3 \
  net-tools lsof distro-info-data python-matplotlib-data gdal-data \
  golang-github-spf13-cobra-dev golang-golang-x-net-dev golang-golang-x-sys-dev golang-golang-x-text-dev golang-github-sirupsen-logrus-dev \
  librust-regex-dev librust-serde-dev librust-rayon-core-dev librust-syn-dev python3-sympy python3-numpy python3-networkx \
  python3-matplotlib python3-pytest >/dev/null
mkdir -p /tmp/lst
for s in nginx apache postgres redis mariadb sshd hostlogs npmlogs nodeapps traces dnsmasq haproxy daemons zookeeper etcd rustlogs search tables; do
  echo "### lst-$s.sh"
  bash $T/lst-$s.sh
done
bash $T/lst-reneedle.sh
node /work/main/bench/corpus/check.mjs | tail -4
