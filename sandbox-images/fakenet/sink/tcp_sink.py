"""The TCP catch-all: every redirected connection lands here.

Records the original destination (SO_ORIGINAL_DST), counts every byte the
client sends and keeps the first of them (up to a per-connection cap, and a
budget shared by all connections so the sink's memory stays bounded; the
record says when it kept less than was sent). It answers enough to keep a
client going and never cuts a sender short: HTTP gets `200 OK` (and `100
Continue` when asked) once the whole request is in, however long its body;
TLS gets a handshake_failure alert once its ClientHello is in; anything else
is read until the client closes or stays silent for a while.
"""
import asyncio
import socket
import struct

import http_head
from sink_log import b64, now_ms

SO_ORIGINAL_DST = 80
FIRST_BYTES_WAIT = 3.0
# A raw TCP client quiet this long is waiting for an answer the sink does not have; HTTP and TLS are read to their end.
IDLE_WAIT = 10.0
CHUNK = 65536
TAIL_BYTES = 16


def original_destination(sock: socket.socket) -> str:
    try:
        raw = sock.getsockopt(socket.SOL_IP, SO_ORIGINAL_DST, 16)
        port = struct.unpack_from("!H", raw, 2)[0]
        return f"{socket.inet_ntoa(raw[4:8])}:{port}"
    except OSError:
        host, port = sock.getsockname()[:2]
        return f"{host}:{port}"


class CaptureBudget:
    """Bytes all connections together may keep."""

    def __init__(self, total: int):
        self.left = total

    def grant(self, wanted: int) -> int:
        granted = max(0, min(wanted, self.left))
        self.left -= granted
        return granted


class Connection:
    def __init__(self, client: str, destination: str, capture_bytes: int, budget: CaptureBudget):
        self.client = client
        self.destination = destination
        self.capture_bytes = capture_bytes
        self.budget = budget
        self.accepted = now_ms()
        self.first_data = None
        self.data = bytearray()
        self.tail = b""
        self.total = 0
        self.reply = "none"
        self.end = "eof"
        self.logged = False

    def add(self, chunk: bytes) -> None:
        if self.first_data is None:
            self.first_data = now_ms()
        self.total += len(chunk)
        self.tail = (self.tail + chunk)[-TAIL_BYTES:]
        room = self.budget.grant(min(len(chunk), self.capture_bytes - len(self.data)))
        if room > 0:
            self.data += chunk[:room]

    def record(self) -> dict:
        return {
            "type": "tcp",
            "ts": self.accepted,
            "firstDataTs": self.first_data,
            "endTs": now_ms(),
            "client": self.client,
            "dst": self.destination,
            "bytes": self.total,
            "data": b64(self.data),
            "truncated": self.total > len(self.data),
            "reply": self.reply,
            "end": self.end,
        }


class TcpSink:
    def __init__(self, log, capture_bytes: int, budget_bytes: int, max_connections: int):
        self.log = log
        self.capture_bytes = capture_bytes
        self.budget = CaptureBudget(budget_bytes)
        self.max_connections = max_connections
        self.open = set()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        peer = writer.get_extra_info("peername") or ("?", 0)
        conn = Connection(f"{peer[0]}:{peer[1]}", original_destination(sock), self.capture_bytes, self.budget)
        if len(self.open) >= self.max_connections:
            conn.end = "refused"
            self.log.write(conn.record())
            writer.close()
            return
        self.open.add(conn)
        try:
            await self.converse(conn, reader, writer)
        except (ConnectionError, OSError):
            conn.end = "reset"
        finally:
            self.open.discard(conn)
            if not conn.logged:
                self.log.write(conn.record())
            writer.close()

    async def read(self, conn: Connection, reader: asyncio.StreamReader, wait) -> bool:
        try:
            chunk = await asyncio.wait_for(reader.read(CHUNK), wait)
        except asyncio.TimeoutError:
            conn.end = "idle"
            return False
        if not chunk:
            conn.end = "eof"
            return False
        conn.add(chunk)
        return True

    async def converse(self, conn: Connection, reader, writer) -> None:
        if not await self.read(conn, reader, FIRST_BYTES_WAIT):
            return
        if http_head.looks_like_tls(conn.data):
            while not http_head.tls_record_complete(conn.data) and conn.total == len(conn.data):
                if not await self.read(conn, reader, None):
                    return
            writer.write(http_head.TLS_ALERT)
            conn.reply = "tls-alert"
            await writer.drain()
            return
        if http_head.looks_like_http(conn.data):
            await self.answer_http(conn, reader, writer)
            return
        while await self.read(conn, reader, IDLE_WAIT):
            pass

    async def answer_http(self, conn: Connection, reader, writer) -> None:
        while http_head.head_end(conn.data) is None:
            if conn.total > len(conn.data) or not await self.read(conn, reader, None):
                return
        end = http_head.head_end(conn.data)
        headers = http_head.header_values(bytes(conn.data[:end]))
        if "100-continue" in headers.get("expect", "").lower():
            writer.write(http_head.CONTINUE)
            await writer.drain()
        # The body is counted to its end even when it is not all kept, so a long upload completes as it would anywhere.
        while not http_head.body_complete(headers, conn.total - end, conn.tail):
            if not await self.read(conn, reader, None):
                return
        writer.write(http_head.response())
        conn.reply = "http-200"
        await writer.drain()

    def flush_open(self) -> None:
        """Logs connections still open when the host collects (each once; what they send later is not logged)."""
        for conn in list(self.open):
            if not conn.logged:
                conn.end = "collected"
                conn.logged = True
                self.log.write(conn.record())
