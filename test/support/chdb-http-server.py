# Current ClickHouse in-process (chDB, ClickHouse's own engine as a library) behind as much of
# ClickHouse's HTTP interface as @clickhouse/client uses: the statement in the body or in the `query`
# parameter (an INSERT's rows then in the body, plain or chunked), the `database` parameter, the
# result as the statement's FORMAT writes it, and errors as ClickHouse sends them (500, the
# exception's text, X-ClickHouse-Exception-Code). argv: port, data directory. Prints "ready".
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from chdb import session as chdb_session

session = chdb_session.Session(sys.argv[2])
# One session, one statement at a time: `USE` and the statement after it go together.
lock = threading.Lock()


class ClickhouseHttp(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def body(self) -> bytes:
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("content-length") or 0))

    def answer(self, status: int, payload: bytes, headers: dict) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=UTF-8")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def run(self, body: bytes) -> None:
        url = urlparse(self.path)
        if url.path == "/ping":
            return self.answer(200, b"Ok.\n", {})
        params = parse_qs(url.query)
        statement = params.get("query", [""])[0]
        # With the statement in the URL, the body holds its data (an INSERT's rows after FORMAT).
        sql = f"{statement}\n{body.decode()}" if statement else body.decode()
        database = params.get("database", ["default"])[0]
        if not re.fullmatch(r"\w+", database):
            return self.answer(400, b"Code: 81. DB::Exception: bad database name\n", {"X-ClickHouse-Exception-Code": "81"})
        try:
            with lock:
                session.query(f"USE {database}")
                result = session.query(sql, "TabSeparated")
            self.answer(200, result.bytes(), {"X-ClickHouse-Summary": "{}"})
        except Exception as error:  # the engine's own exception, sent as ClickHouse sends it
            text = str(error)
            code = re.search(r"Code: (\d+)", text)
            self.answer(500, (text + "\n").encode(), {"X-ClickHouse-Exception-Code": code.group(1) if code else "1"})

    def do_GET(self):
        self.run(b"")

    def do_POST(self):
        self.run(self.body())


server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), ClickhouseHttp)
print("ready", flush=True)
server.serve_forever()
