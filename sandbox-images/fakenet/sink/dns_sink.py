"""DNS over UDP and TCP: logs every query and answers it (see dns_reply)."""
import asyncio
import socket
import struct

import dns_reply
from sink_log import b64, now_ms

QUERY_LOG_BYTES = 512


class DnsSink:
    def __init__(self, log, pool: dns_reply.SinkholePool):
        self.log = log
        self.pool = pool

    def answer(self, message: bytes, transport: str, client: str, server) -> bytes:
        question = dns_reply.parse_question(message)
        address = None
        reply = b""
        if question is not None:
            address = dns_reply.address_for(question.name, self.pool) if dns_reply.wants_address(question) else None
            reply = dns_reply.build_reply(message, question, address)
        self.log.write({
            "type": "dns",
            "ts": now_ms(),
            "transport": transport,
            "client": client,
            "server": server,
            "query": b64(message[:QUERY_LOG_BYTES]),
            "answer": address,
        })
        return reply

    def udp_protocol(self):
        sink = self

        class Udp(asyncio.DatagramProtocol):
            def connection_made(self, transport):
                self.transport = transport

            def datagram_received(self, data, addr):
                reply = sink.answer(data, "udp", f"{addr[0]}:{addr[1]}", None)
                if reply:
                    self.transport.sendto(reply, addr)

        return Udp()

    async def handle_tcp(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        from tcp_sink import original_destination

        peer = writer.get_extra_info("peername") or ("?", 0)
        server = original_destination(writer.get_extra_info("socket"))
        try:
            while True:
                prefix = await asyncio.wait_for(reader.readexactly(2), 5.0)
                message = await asyncio.wait_for(reader.readexactly(struct.unpack("!H", prefix)[0]), 5.0)
                reply = self.answer(message, "tcp", f"{peer[0]}:{peer[1]}", server)
                if not reply:
                    break
                writer.write(struct.pack("!H", len(reply)) + reply)
                await writer.drain()
        except (asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError, OSError):
            pass
        finally:
            writer.close()


def udp_socket(address: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((address, port))
    return sock
