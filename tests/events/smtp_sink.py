"""A small SMTP server on loopback for the mail-outage test: enough of RFC 5321 for smtplib."""

from __future__ import annotations

import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        self._send("220 sink ready")
        data_mode, lines = False, []
        while raw := self.rfile.readline():
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if data_mode:
                if line == ".":
                    self.server.messages.append("\n".join(lines))
                    data_mode, lines = False, []
                    self._send("250 queued")
                else:
                    lines.append(line[1:] if line.startswith("..") else line)
                continue
            verb = line[:4].upper()
            if verb == "EHLO":
                self._send("250-sink\r\n250 8BITMIME")
            elif verb == "DATA":
                data_mode = True
                self._send("354 go ahead")
            elif verb == "QUIT":
                self._send("221 bye")
                return
            else:  # HELO, MAIL, RCPT, RSET, NOOP
                self._send("250 ok")

    def _send(self, text: str) -> None:
        self.wfile.write(text.encode() + b"\r\n")


class SMTPSink(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port: int):
        super().__init__(("127.0.0.1", port), _Handler)
        self.messages: list[str] = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
