#!/bin/bash
# dnsmasq (log-queries, no upstream) answering dig on 127.0.0.1:15353, and a tcpdump of all that loopback
# traffic plus HTTP and ICMP-unreachable packets.
set -u
W=/tmp/lst/dnsmasq
rm -rf $W; mkdir -p $W
cat > $W/hosts <<H
127.0.0.10 api.internal.test
127.0.0.11 db.internal.test db
127.0.0.12 cache.internal.test
H
tcpdump -i lo -w $W/lo.pcap -U 'port 15353 or port 18121 or port 18122 or icmp' >/dev/null 2>&1 &
TD=$!
dnsmasq --keep-in-foreground --no-resolv --no-hosts --addn-hosts=$W/hosts --listen-address=127.0.0.1 --port=15353 --bind-interfaces \
  --log-queries=extra --log-facility=$W/dnsmasq.log --pid-file=$W/pid --address=/blocked.test/0.0.0.0 --domain-needed --bogus-priv \
  --local=/internal.test/ --cache-size=100 &
DM=$!
(cd /usr/share/doc && timeout 60 python3 -m http.server 18121 --bind 127.0.0.1 >/dev/null 2>&1) &
SRV=$!
sleep 1.5
D="dig @127.0.0.1 -p 15353 +tries=1 +time=1"
for n in api.internal.test db.internal.test cache.internal.test api.internal.test missing.internal.test ads.blocked.test db; do $D $n >/dev/null; done
$D AAAA api.internal.test >/dev/null; $D -x 127.0.0.11 >/dev/null; $D -x 10.1.2.3 >/dev/null; $D MX internal.test >/dev/null
$D registry.npmjs.org >/dev/null; $D TXT version.bind CH >/dev/null; $D +tcp db.internal.test >/dev/null
for p in git/copyright curl/copyright missing.txt; do curl -s -o /dev/null http://127.0.0.1:18121/$p; done
curl -s -o /dev/null http://127.0.0.1:18122/
echo probe > /dev/udp/127.0.0.1/18122
sleep 1
kill $DM; wait $DM 2>/dev/null
kill $SRV 2>/dev/null; wait $SRV 2>/dev/null
kill $TD; wait $TD 2>/dev/null
tcpdump -nn -tttt -v -r $W/lo.pcap > $W/tcpdump.txt 2>/dev/null
source /work/main/bench/corpus/tools/lst-lib.sh
mkcase log dnsmasq-log-queries-extra $W/dnsmasq.log debian:dnsmasq-base "dnsmasq log (log-queries=extra)" "Debian dnsmasq-base $(dpkg-query -W -f='${Version}' dnsmasq-base)" \
  "dnsmasq --no-resolv --addn-hosts=hosts --port=15353 --log-queries=extra --log-facility=dnsmasq.log ...; dig queries (see tools/lst-dnsmasq.sh)" "output of dnsmasq run on this machine; no third-party content" ""
mkcase log tcpdump-loopback-dns-http-icmp $W/tcpdump.txt host:tcpdump "tcpdump -nn -tttt -v -r" "tcpdump $(dpkg-query -W -f='${Version}' tcpdump)" \
  "tcpdump -i lo -w lo.pcap 'port 15353 or port 18121 or port 18122 or icmp' during dig/curl traffic; tcpdump -nn -tttt -v -r lo.pcap" "output of tcpdump run on this machine; no third-party content" ""
