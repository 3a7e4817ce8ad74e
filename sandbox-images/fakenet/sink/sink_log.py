"""The sink's record log: one JSON object a line, flushed per line, capped in size."""
import base64
import json
import time


def now_ms() -> float:
    return round(time.time() * 1000, 3)


def b64(data: bytes) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


class SinkLog:
    def __init__(self, path: str, max_bytes: int):
        self.file = open(path, "a", buffering=1, encoding="utf-8")
        self.max_bytes = max_bytes
        self.written = 0
        self.dropped = 0

    def write(self, record: dict) -> None:
        line = json.dumps(record, separators=(",", ":")) + "\n"
        if self.written + len(line) > self.max_bytes:
            self.dropped += 1
            return
        self.file.write(line)
        self.written += len(line)

    def flush(self) -> None:
        self.file.flush()

    def close(self) -> None:
        if self.dropped:
            self.file.write(json.dumps({"type": "dropped", "ts": now_ms(), "records": self.dropped}) + "\n")
        self.file.close()
