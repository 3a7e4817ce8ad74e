#!/bin/bash
# Plumbs the sandbox's network namespace (run by the fakenet sidecar, which
# joined it with NET_ADMIN). Usage:
#   setup-network.sh ADDRESS/PREFIX GATEWAY PEER DNS_ADDRESS TCP_PORT
# - a veth pair, eth0 (the sandbox's side) and PEER, gives a default route
#   (this kernel has no `dummy` driver). The gateway is a static neighbour
#   with PEER's MAC: what is not redirected below (UDP other than DNS, ICMP)
#   leaves eth0, is captured, and dies at PEER (no forwarding, no other
#   interface). Nothing reaches the host: the namespace has no link to it.
# - nat OUTPUT: DNS (UDP and TCP 53, to any server) goes to the sink's DNS
#   listener, loopback TCP stays local, every other TCP connection goes to
#   the catch-all on 127.0.0.1:TCP_PORT.
# One `ip -batch` and one `iptables-restore`: each process costs ~40 ms.
set -euo pipefail
address="$1" gateway="$2" peer="$3" dns="$4" tcp_port="$5"
peer_mac="02:42:0a:01:00:01"

ip -batch - <<IP
link add eth0 type veth peer name $peer address $peer_mac
link set $peer up
link set eth0 up
addr add $address dev eth0
neigh replace $gateway lladdr $peer_mac dev eth0 nud permanent
route add default via $gateway dev eth0
IP

iptables-restore -w --noflush <<RULES
*nat
:FAKENET - [0:0]
-A FAKENET -p udp --dport 53 -j DNAT --to-destination $dns:53
-A FAKENET -p tcp --dport 53 -j DNAT --to-destination $dns:53
-A FAKENET -d 127.0.0.0/8 -j RETURN
-A FAKENET -p tcp -j REDIRECT --to-ports $tcp_port
-A OUTPUT -j FAKENET
COMMIT
RULES
