#!/bin/bash
# OpenSSH sshd (LogLevel VERBOSE, -E logfile) on 127.0.0.1:12222 with failed password logins, invalid users,
# a good key login and a preauth disconnect. Also captures the client side with ssh -vvv.
set -u
W=/tmp/lst/sshd
rm -rf $W; mkdir -p $W; chmod 700 $W
ssh-keygen -q -t ed25519 -N '' -f $W/host_ed25519
ssh-keygen -q -t ed25519 -N '' -f $W/client_key
id sshtest >/dev/null 2>&1 || useradd -m -s /bin/bash sshtest
echo 'sshtest:correct-horse' | chpasswd
mkdir -p ~sshtest/.ssh; cp $W/client_key.pub ~sshtest/.ssh/authorized_keys; chown -R sshtest ~sshtest/.ssh; chmod 700 ~sshtest/.ssh
mkdir -p /run/sshd
cat > $W/sshd_config <<CONF
Port 12222
ListenAddress 127.0.0.1
HostKey $W/host_ed25519
PidFile $W/sshd.pid
LogLevel VERBOSE
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM yes
MaxAuthTries 3
CONF
/usr/sbin/sshd -f $W/sshd_config -E $W/sshd.log
sleep 1
O="-p 12222 -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=5"
for u in admin root oracle test ubuntu postgres git sshtest; do
  for pw in 123456 password $u; do sshpass -p "$pw" ssh $O -o PreferredAuthentications=password -o NumberOfPasswordPrompts=1 $u@127.0.0.1 true >/dev/null 2>&1; done
done
sshpass -p correct-horse ssh $O -o PreferredAuthentications=password sshtest@127.0.0.1 'uname -s' >/dev/null 2>&1
for i in 1 2 3; do ssh $O -i $W/client_key -o BatchMode=yes sshtest@127.0.0.1 "echo run $i" >/dev/null 2>&1; done
ssh $O -o BatchMode=yes nobody@127.0.0.1 true >/dev/null 2>&1
printf 'SSH-2.0-scanner\r\n' | timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/12222; cat >&3; head -c 100 <&3 >/dev/null"
printf 'GET / HTTP/1.0\r\n\r\n' | timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/12222; cat >&3; cat <&3 >/dev/null"
# the client side of one key login, ssh -vvv
env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 ssh $O -vvv -i $W/client_key -o BatchMode=yes sshtest@127.0.0.1 'echo hello' > /dev/null 2> $W/ssh-vvv.log
sleep 1
kill $(cat $W/sshd.pid)
sleep 0.5
source /work/main/bench/corpus/tools/lst-lib.sh
V=$(dpkg-query -W -f='${Version}' openssh-server)
mkcase log sshd-verbose-failed-logins $W/sshd.log debian:openssh-server "sshd log (LogLevel VERBOSE, -E file)" "Debian openssh-server $V" \
  "/usr/sbin/sshd -f $W/sshd_config -E $W/sshd.log; sshpass/ssh logins from 127.0.0.1 (see tools/lst-sshd.sh)" \
  "output of sshd run on this machine; no third-party content" ""
mkcase log ssh-client-vvv-key-login $W/ssh-vvv.log debian:openssh-client "ssh -vvv debug output" "Debian openssh-client $(dpkg-query -W -f='${Version}' openssh-client)" \
  "env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 ssh -vvv -p 12222 -i client_key -o BatchMode=yes sshtest@127.0.0.1 'echo hello' 2> ssh-vvv.log" \
  "output of ssh run on this machine; no third-party content" ""
