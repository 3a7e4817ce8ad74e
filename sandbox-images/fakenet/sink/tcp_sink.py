"""The TCP catch-all: every redirected connection lands here.

Records the original destination (SO_ORIGINAL_DST), the first bytes the
client sends (capped) and answers enough to keep a client going: HTTP gets
`200 OK` (and `100 Continue` when asked), TLS gets a handshake_failure alert
once its ClientHello is in, anything else is read until it goes quiet.
"""
import asyncio
import socket
import struct

import http_head
from sink_log import b64, now_ms

SO_ORIGINAL_DST = 80
FIRST_BYTES_WAIT = 3.0
IDLE_WAIT = 2.0
TOTAL_WAIT = 10.0
READ_LIMIT = 1024 * 1024


def original_destination(sock: socket.socket) -> str:
    try:
        raw = sock.getsockopt(socket.SOL_IP, SO_ORIGINAL_DST, 16)
        port = struct.unpack_from("!H", raw, 2)[0]
        return f"{socket.inet_ntoa(raw[4:8])}:{port}"
    except OSError:
        host, port = sock.getsockname()[:2]
        return f"{host}:{port}"


class Connection:
    def __init__(self, client: str, destination: str, capture_bytes: int):
        self.client = client
        self.destination = destination
        self.capture_bytes = capture_bytes
        self.accepted = now_ms()
        self.first_data = None
        self.data = bytearray()
        self.total = 0
        self.reply = "none"
        self.end = "eof"
        self.logged = False

    def add(self, chunk: bytes) -> None:
        if self.first_data is None:
            self.first_data = now_ms()
        self.total += len(chunk)
        room = self.capture_bytes - len(self.data)
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
    def __init__(self, log, capture_bytes: int, max_connections: int):
        self.log = log
        self.capture_bytes = capture_bytes
        self.max_connections = max_connections
        self.open = set()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        peer = writer.get_extra_info("peername") or ("?", 0)
        conn = Connection(f"{peer[0]}:{peer[1]}", original_destination(sock), self.capture_bytes)
        if len(self.open) >= self.max_connections:
            conn.end = "refused"
            self.log.write(conn.record())
            writer.close()
            return
        self.open.add(conn)
        try:
            await asyncio.wait_for(self.converse(conn, reader, writer), TOTAL_WAIT)
        except asyncio.TimeoutError:
            conn.end = "time-limit"
        except (ConnectionError, OSError):
            conn.end = "reset"
        finally:
            self.open.discard(conn)
            if not conn.logged:
                self.log.write(conn.record())
            writer.close()

    async def read(self, conn: Connection, reader: asyncio.StreamReader, wait: float) -> bool:
        try:
            chunk = await asyncio.wait_for(reader.read(65536), wait)
        except asyncio.TimeoutError:
            conn.end = "idle"
            return False
        if not chunk:
            conn.end = "eof"
            return False
        conn.add(chunk)
        if conn.total >= READ_LIMIT:
            conn.end = "read-limit"
            return False
        return True

    async def converse(self, conn: Connection, reader, writer) -> None:
        if not await self.read(conn, reader, FIRST_BYTES_WAIT):
            return
        if http_head.looks_like_tls(conn.data):
            while not http_head.tls_record_complete(conn.data) and len(conn.data) < conn.capture_bytes:
                if not await self.read(conn, reader, IDLE_WAIT):
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
        while http_head.head_end(conn.data) is None and len(conn.data) < conn.capture_bytes:
            if not await self.read(conn, reader, IDLE_WAIT):
                return
        end = http_head.head_end(conn.data) or len(conn.data)
        headers = http_head.header_values(bytes(conn.data[:end]))
        if "100-continue" in headers.get("expect", "").lower():
            writer.write(http_head.CONTINUE)
            await writer.drain()
        while not http_head.body_complete(headers, bytes(conn.data[end:])) and conn.total < conn.capture_bytes:
            if not await self.read(conn, reader, IDLE_WAIT):
                break
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
