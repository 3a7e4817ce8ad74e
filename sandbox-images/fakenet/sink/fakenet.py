"""The fakenet sidecar's main process (PID 1's only child, under tini).

1. starts tcpdump on every interface of the namespace, into a pcap (`any`
   also captures interfaces made after it starts, so this runs alongside 2),
2. plumbs the sandbox's network namespace (setup-network.sh: veth default
   route, iptables nat OUTPUT redirects of all TCP and all DNS),
3. serves DNS (UDP and TCP) and the TCP catch-all,
4. writes `ready` to the status file. On SIGUSR1 it logs the connections
   still open and writes `collected` (tcpdump goes on: with -U every packet
   is in the file already), so the host can read the capture without
   stopping the container; on SIGTERM it does the same, stops tcpdump and
   writes `stopped`.
Any failure before `ready` writes `failed: <reason>` and exits 1.
"""
import argparse
import asyncio
import os
import signal
import subprocess
import sys

import dns_reply
from dns_sink import DnsSink, udp_socket
from sink_log import SinkLog
from tcp_sink import TcpSink

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True, help="folder for status, sink.jsonl, capture.pcap")
    parser.add_argument("--address", required=True, help="sandbox address/prefix on eth0")
    parser.add_argument("--gateway", required=True)
    parser.add_argument("--peer", required=True, help="name of the veth peer")
    parser.add_argument("--dns", required=True, help="address the DNS listener binds (resolv.conf's)")
    parser.add_argument("--tcp-port", type=int, required=True)
    parser.add_argument("--sinkhole", required=True, help="network DNS answers come from")
    parser.add_argument("--capture-bytes", type=int, default=65536, help="bytes kept of each connection")
    parser.add_argument("--capture-budget", type=int, default=64 * 1024 * 1024, help="bytes kept of all connections together")
    parser.add_argument("--log-bytes", type=int, default=160 * 1024 * 1024)
    parser.add_argument("--snaplen", type=int, default=8192)
    parser.add_argument("--max-packets", type=int, default=200000)
    return parser.parse_args(argv)


def set_status(out: str, text: str) -> None:
    tmp = os.path.join(out, "status.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    os.replace(tmp, os.path.join(out, "status"))


async def setup_network(args) -> None:
    command = [os.path.join(HERE, "setup-network.sh"), args.address, args.gateway, args.peer, args.dns, str(args.tcp_port)]
    process = await asyncio.create_subprocess_exec(*command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = await asyncio.wait_for(process.communicate(), 30)
    if process.returncode != 0:
        lines = (stderr or stdout).decode(errors="replace").strip().splitlines()
        raise RuntimeError(f"network setup failed: {lines[-1] if lines else 'exit ' + str(process.returncode)}")


async def start_tcpdump(args):
    err_path = os.path.join(args.out, "tcpdump.log")
    err = open(err_path, "wb")
    process = await asyncio.create_subprocess_exec(
        "tcpdump", "-i", "any", "-n", "-U", "--immediate-mode", "-Z", "root",
        "-s", str(args.snaplen), "-c", str(args.max_packets),
        "-w", os.path.join(args.out, "capture.pcap"),
        stdout=subprocess.DEVNULL, stderr=err,
    )
    return process


async def wait_listening(process, err_path: str) -> None:
    for _ in range(400):
        with open(err_path, "rb") as handle:
            if b"listening on" in handle.read():
                return
        if process.returncode is not None:
            break
        await asyncio.sleep(0.01)
    raise RuntimeError("tcpdump did not start capturing")


async def serve(args) -> int:
    log = SinkLog(os.path.join(args.out, "sink.jsonl"), args.log_bytes)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    collected = []
    try:
        tcpdump = await start_tcpdump(args)
        await setup_network(args)
        await wait_listening(tcpdump, os.path.join(args.out, "tcpdump.log"))
        dns = DnsSink(log, dns_reply.SinkholePool(args.sinkhole))
        tcp = TcpSink(log, args.capture_bytes, args.capture_budget, max_connections=256)
        udp_transport, _ = await loop.create_datagram_endpoint(dns.udp_protocol, sock=udp_socket(args.dns, 53))
        dns_tcp = await asyncio.start_server(dns.handle_tcp, args.dns, 53)
        catch_all = await asyncio.start_server(tcp.handle, "127.0.0.1", args.tcp_port, backlog=256)
    except Exception as error:  # noqa: BLE001 - any failure before ready is reported the same way
        set_status(args.out, f"failed: {error}")
        return 1
    def collect() -> None:
        tcp.flush_open()
        log.flush()
        collected.append(True)
        set_status(args.out, f"collected {len(collected)}")

    loop.add_signal_handler(signal.SIGUSR1, collect)
    set_status(args.out, "ready")
    await stop.wait()
    catch_all.close()
    dns_tcp.close()
    udp_transport.close()
    tcp.flush_open()
    log.close()
    if tcpdump.returncode is None:
        tcpdump.send_signal(signal.SIGINT)
        try:
            await asyncio.wait_for(tcpdump.wait(), 5)
        except asyncio.TimeoutError:
            tcpdump.kill()
    set_status(args.out, "stopped")
    return 0


def main() -> int:
    args = parse_args(sys.argv[1:])
    os.makedirs(args.out, exist_ok=True)
    return asyncio.run(serve(args))


if __name__ == "__main__":
    sys.exit(main())
