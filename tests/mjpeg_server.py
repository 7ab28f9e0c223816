"""A stand-in IP camera for tests: MJPEG over HTTP (``multipart/x-mixed-replace``), what cheap
IP cameras serve, from a local ``http.server`` thread.

The frames are drawn with numpy (a moving bar and a frame counter's worth of noise), encoded
to JPEG with Pillow, and sent at ``fps``. ``pause()`` stops sending (the camera hangs);
``resume()`` goes on.
"""

from __future__ import annotations

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
from PIL import Image

BOUNDARY = "pp-frame"


def _jpeg(n: int, width: int, height: int) -> bytes:
    img = np.full((height, width, 3), 60, dtype=np.uint8)
    x = (n * 7) % width
    img[:, max(0, x - 8) : x + 8] = (220, 180, 40)
    img[(n * 3) % height, :] = (20, 200, 220)
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, format="JPEG", quality=80)
    return buf.getvalue()


class MjpegServer:
    """``with MjpegServer() as cam: cam.url`` (``http://127.0.0.1:PORT/video.mjpg``)."""

    def __init__(self, width: int = 640, height: int = 360, fps: int = 20) -> None:
        self.width, self.height, self.fps = width, height, fps
        self.frames_sent = 0
        self._running = threading.Event()
        self._running.set()
        self._closing = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", f"multipart/x-mixed-replace;boundary={BOUNDARY}")
                self.end_headers()
                n = 0
                try:
                    while not server._closing.is_set():
                        if not server._running.is_set():
                            time.sleep(0.05)
                            continue
                        data = _jpeg(n, server.width, server.height)
                        self.wfile.write(
                            f"--{BOUNDARY}\r\nContent-Type: image/jpeg\r\n"
                            f"Content-Length: {len(data)}\r\n\r\n".encode()
                            + data
                            + b"\r\n"
                        )
                        n += 1
                        server.frames_sent += 1
                        time.sleep(1.0 / server.fps)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/video.mjpg"

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def __enter__(self) -> MjpegServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
