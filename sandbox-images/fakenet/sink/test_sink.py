"""Unit tests of the sink's pure parts (run inside the fakenet image: python3 -m unittest)."""
import json
import os
import struct
import tempfile
import unittest

import base64

import dns_reply
import http_head
import tcp_sink
from sink_log import SinkLog


def query(name: str, qtype: int = 1, ident: int = 0x1234) -> bytes:
    labels = b"".join(bytes([len(label)]) + label.encode() for label in name.split("."))
    return struct.pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 0) + labels + b"\x00" + struct.pack("!HH", qtype, 1)


class DnsReplyTest(unittest.TestCase):
    def test_a_question_is_parsed_with_its_name_in_lower_case(self):
        question = dns_reply.parse_question(query("Stage2.Example"))
        self.assertEqual(question.name, "stage2.example")
        self.assertEqual((question.qtype, question.qclass), (1, 1))

    def test_an_a_reply_echoes_the_question_and_points_its_answer_at_it(self):
        message = query("c.example")
        reply = dns_reply.build_reply(message, dns_reply.parse_question(message), "198.51.100.129")
        ident, flags, qd, an, ns, ar = struct.unpack_from("!HHHHHH", reply)
        self.assertEqual((ident, flags, qd, an, ns, ar), (0x1234, 0x8180, 1, 1, 0, 0))
        self.assertEqual(reply[12:len(message)], message[12:])
        self.assertEqual(reply[len(message):len(message) + 2], b"\xc0\x0c")
        self.assertEqual(reply[-4:], bytes([198, 51, 100, 129]))

    def test_other_types_get_an_empty_answer(self):
        message = query("c.example", qtype=28)
        question = dns_reply.parse_question(message)
        self.assertFalse(dns_reply.wants_address(question))
        self.assertEqual(struct.unpack_from("!H", dns_reply.build_reply(message, question, None), 6)[0], 0)

    def test_responses_and_broken_messages_are_not_questions(self):
        response = bytearray(query("c.example"))
        response[2] |= 0x80
        self.assertIsNone(dns_reply.parse_question(bytes(response)))
        self.assertIsNone(dns_reply.parse_question(b"\x00\x01"))
        self.assertIsNone(dns_reply.parse_question(query("c.example")[:-3]))

    def test_localhost_names_resolve_to_loopback_as_a_real_resolver_answers_them(self):
        pool = dns_reply.SinkholePool("198.51.100.128/30")
        self.assertEqual(dns_reply.address_for("localhost", pool), "127.0.0.1")
        self.assertEqual(dns_reply.address_for("smtp.localhost", pool), "127.0.0.1")
        self.assertEqual(dns_reply.address_for("localhost.example", pool), "198.51.100.129")
        self.assertEqual(dns_reply.address_for("notlocalhost", pool), "198.51.100.130")

    def test_the_pool_gives_one_address_per_name_and_wraps_around(self):
        pool = dns_reply.SinkholePool("198.51.100.128/30")
        self.assertEqual(pool.address_for("a.example"), "198.51.100.129")
        self.assertEqual(pool.address_for("A.EXAMPLE"), "198.51.100.129")
        self.assertEqual(pool.address_for("b.example"), "198.51.100.130")
        self.assertEqual(pool.address_for("c.example"), "198.51.100.129")
        self.assertEqual(pool.address_for("a.example"), "198.51.100.130")


class HttpHeadTest(unittest.TestCase):
    def test_requests_and_tls_hellos_are_told_apart(self):
        self.assertTrue(http_head.looks_like_http(b"POST /x HTTP/1.1\r\n"))
        self.assertFalse(http_head.looks_like_http(b"\x16\x03\x01"))
        self.assertTrue(http_head.looks_like_tls(b"\x16\x03\x01\x00"))

    def test_the_head_ends_at_the_blank_line(self):
        data = b"GET / HTTP/1.1\r\nHost: a\r\n\r\nrest"
        self.assertEqual(data[http_head.head_end(data):], b"rest")
        self.assertIsNone(http_head.head_end(b"GET / HTTP/1.1\r\nHost: a\r\n"))

    def test_a_body_is_complete_by_content_length_or_its_last_chunk(self):
        self.assertFalse(http_head.body_complete({"content-length": "5"}, 3, b"abc"))
        self.assertTrue(http_head.body_complete({"content-length": "3"}, 3, b"abc"))
        self.assertFalse(http_head.body_complete({"transfer-encoding": "chunked"}, 8, b"3\r\nabc\r\n"))
        self.assertTrue(http_head.body_complete({"transfer-encoding": "chunked"}, 13, b"abc\r\n0\r\n\r\n"))

    def test_the_answer_is_a_200_that_closes(self):
        self.assertTrue(http_head.response().startswith(b"HTTP/1.1 200 OK\r\n"))
        self.assertIn(b"Connection: close\r\n", http_head.response())

    def test_a_tls_record_is_complete_once_its_length_is_in(self):
        self.assertFalse(http_head.tls_record_complete(b"\x16\x03\x01\x00\x05abc"))
        self.assertTrue(http_head.tls_record_complete(b"\x16\x03\x01\x00\x03abc"))


class ConnectionTest(unittest.TestCase):
    def test_every_byte_is_counted_but_only_the_first_are_kept(self):
        conn = tcp_sink.Connection("c", "d", capture_bytes=4, budget=tcp_sink.CaptureBudget(100))
        conn.add(b"abc")
        conn.add(b"defgh")
        record = conn.record()
        self.assertEqual((record["bytes"], record["truncated"]), (8, True))
        self.assertEqual(base64.b64decode(record["data"]), b"abcd")
        self.assertEqual(conn.tail, b"abcdefgh")

    def test_connections_share_one_capture_budget(self):
        budget = tcp_sink.CaptureBudget(5)
        first = tcp_sink.Connection("c", "d", capture_bytes=4, budget=budget)
        second = tcp_sink.Connection("c", "d", capture_bytes=4, budget=budget)
        first.add(b"1234")
        second.add(b"5678")
        self.assertEqual((bytes(first.data), bytes(second.data)), (b"1234", b"5"))
        self.assertTrue(second.record()["truncated"])


class SinkLogTest(unittest.TestCase):
    def test_records_beyond_the_cap_are_dropped_and_counted(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "log.jsonl")
            log = SinkLog(path, max_bytes=40)
            log.write({"type": "dns", "n": 1})
            log.write({"type": "dns", "n": 2, "padding": "x" * 40})
            log.close()
            with open(path, encoding="utf-8") as handle:
                lines = [json.loads(line) for line in handle]
            self.assertEqual(lines[0], {"type": "dns", "n": 1})
            self.assertEqual((lines[1]["type"], lines[1]["records"]), ("dropped", 1))


if __name__ == "__main__":
    unittest.main()
