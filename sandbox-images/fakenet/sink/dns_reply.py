"""DNS answers of the fake internet (pure).

Every A question gets a sinkhole address, one per name, so that a later
connection to that address maps back to the name. Other types get an empty
NOERROR answer: the sandbox's namespace has IPv6 disabled (as Docker creates
it), so a client falls back to the A answer, as on an IPv4-only CI runner.
"""
import ipaddress
import socket
import struct
from typing import NamedTuple, Optional

HEADER = struct.Struct("!HHHHHH")
TYPE_A = 1
CLASS_IN = 1
TTL_SECONDS = 300
MAX_NAME_LENGTH = 255


class Question(NamedTuple):
    ident: int
    flags: int
    labels: tuple
    end: int
    qtype: int
    qclass: int

    @property
    def name(self) -> str:
        """Lower-case dotted name; bytes are kept one to one (latin-1)."""
        return b".".join(self.labels).decode("latin-1").lower()


def parse_question(message: bytes) -> Optional[Question]:
    """The first question of a standard query, or None for anything else."""
    if len(message) < HEADER.size:
        return None
    ident, flags, qdcount, _an, _ns, _ar = HEADER.unpack_from(message)
    if flags & 0x8000 or (flags >> 11) & 0xF != 0 or qdcount < 1:
        return None
    offset = HEADER.size
    labels = []
    total = 0
    while True:
        if offset >= len(message):
            return None
        length = message[offset]
        offset += 1
        if length == 0:
            break
        if length & 0xC0 or offset + length > len(message):
            return None
        total += length + 1
        if total > MAX_NAME_LENGTH:
            return None
        labels.append(bytes(message[offset:offset + length]))
        offset += length
    if offset + 4 > len(message):
        return None
    qtype, qclass = struct.unpack_from("!HH", message, offset)
    return Question(ident, flags, tuple(labels), offset + 4, qtype, qclass)


def build_reply(message: bytes, question: Question, address: Optional[str]) -> bytes:
    """A response echoing the question, with one A record when address is given."""
    flags = 0x8000 | (question.flags & 0x0100) | 0x0080  # QR, RD as asked, RA
    answers = 1 if address else 0
    reply = HEADER.pack(question.ident, flags, 1, answers, 0, 0) + bytes(message[HEADER.size:question.end])
    if address:
        reply += struct.pack("!HHHIH", 0xC00C, TYPE_A, CLASS_IN, TTL_SECONDS, 4) + socket.inet_aton(address)
    return reply


LOOPBACK = "127.0.0.1"


def is_loopback_name(name: str) -> bool:
    """localhost and the names below it, which resolvers answer with loopback themselves (RFC 6761)."""
    return name == "localhost" or name.endswith(".localhost")


def address_for(name: str, pool: "SinkholePool") -> str:
    """The answer to an A question: loopback for a localhost name, as a real resolver gives; a sinkhole address otherwise."""
    return LOOPBACK if is_loopback_name(name) else pool.address_for(name)


def wants_address(question: Question) -> bool:
    return question.qtype == TYPE_A and question.qclass == CLASS_IN


class SinkholePool:
    """Hands out one address per name from a network, in order; wraps around when used up."""

    def __init__(self, network: str):
        self.hosts = [str(host) for host in ipaddress.ip_network(network).hosts()]
        self.by_name = {}
        self.by_address = {}
        self.next_index = 0

    def address_for(self, name: str) -> str:
        key = name.lower()
        known = self.by_name.get(key)
        if known:
            return known
        address = self.hosts[self.next_index % len(self.hosts)]
        self.next_index += 1
        previous = self.by_address.get(address)
        if previous is not None:
            del self.by_name[previous]
        self.by_name[key] = address
        self.by_address[address] = key
        return address
