"""Just enough HTTP/1.x (pure) for the sink to know when a request is complete."""
import re
from typing import Optional

METHOD = re.compile(rb"^(GET|POST|PUT|HEAD|DELETE|OPTIONS|PATCH|TRACE|CONNECT|PROPFIND) ")
HEAD_END = re.compile(rb"\r?\n\r?\n")


def looks_like_http(data: bytes) -> bool:
    return METHOD.match(data) is not None


def head_end(data: bytes) -> Optional[int]:
    """Offset just past the blank line that ends the request head, or None."""
    match = HEAD_END.search(data)
    return match.end() if match else None


def header_values(head: bytes) -> dict:
    """Header names (lower-case) to their last value, as text."""
    values = {}
    for line in head.split(b"\n")[1:]:
        name, sep, value = line.partition(b":")
        if sep:
            values[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
    return values


def body_complete(headers: dict, received: int, tail: bytes) -> bool:
    """Whether the body announced by the head has fully arrived: `received` bytes of it so far, the stream ending in `tail`."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return re.search(rb"(^|\n)0\r?\n\r?\n$", tail) is not None
    try:
        length = int(headers.get("content-length", "0"))
    except ValueError:
        return True
    return received >= length


def response(status: str = "200 OK", body: bytes = b"") -> bytes:
    head = (
        f"HTTP/1.1 {status}\r\n"
        "Server: nginx\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
# A fatal handshake_failure alert: the sink cannot finish a TLS handshake, it only records the ClientHello.
TLS_ALERT = bytes([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])


def looks_like_tls(data: bytes) -> bool:
    return len(data) >= 2 and data[0] == 0x16 and data[1] == 0x03


def tls_record_complete(data: bytes) -> bool:
    return len(data) >= 5 and len(data) >= 5 + int.from_bytes(data[3:5], "big")
