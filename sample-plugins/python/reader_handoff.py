"""Calls run on the thread that read them, as a bare server runs them: no hop to
a thread pool on the fast path (that hop cost the Python plugins 40-220 us per
call, more than the rest of the call; docs/decisions/python-call-threads.md).

The reading moves on to a fresh thread when a call blocks on the host (a
callback: `hand_off()` before it waits) or runs longer than HANDOFF_AFTER_S (a
watchdog sees it), so one slow or hung call never stops the channel: later
calls, cancels and host answers are read by the new reader while the old thread
finishes its call, answers it, and ends.
"""
import threading
import time

HANDOFF_AFTER_S = 0.02
WATCH_EVERY_S = 0.01


class ReaderHandoff:
    def __init__(self, read_loop):
        """`read_loop()` serves messages while `is_reader()` holds and returns when it does not."""
        self._read_loop = read_loop
        self._lock = threading.Lock()
        self._reader = None
        # When the reader began the call it runs inline; None while it reads. Only the reader sets it.
        self._busy_since = None

    def serve(self):
        """Reads on this thread (until the reading moves on), with the watchdog beside.

        Never returns: the process ends by os._exit (stdin EOF, exit, the lifeline),
        and the readers after this one are daemon threads.
        """
        threading.Thread(target=self._watch, name="plugbench-handoff", daemon=True).start()
        with self._lock:
            self._reader = threading.current_thread()
        self._read_loop()
        threading.Event().wait()

    def is_reader(self):
        return self._reader is threading.current_thread()

    def run(self, call, *args):
        """Runs `call(*args)` on this thread: (its value, True if this thread still reads afterwards).

        True also means nothing can hand the reading off until this thread runs
        its next call, so it may touch the channel's own socket.
        """
        # Only the reader runs calls here, so the reader when the call began is this thread.
        reader = self._reader
        self._busy_since = time.monotonic()
        value = call(*args)
        with self._lock:
            if self._reader is not reader:
                return value, False
            self._busy_since = None
            return value, True

    def hand_off(self):
        """This thread is about to block (a call back to the host): another thread reads meanwhile."""
        with self._lock:
            if self._reader is threading.current_thread():
                self._promote()

    def _promote(self):
        """Holds the lock: a fresh thread becomes the reader."""
        self._busy_since = None
        reader = threading.Thread(target=self._read_loop, name="plugbench-reader", daemon=True)
        self._reader = reader
        reader.start()

    def _watch(self):
        while True:
            time.sleep(WATCH_EVERY_S)
            since = self._busy_since
            if since is None or time.monotonic() - since < HANDOFF_AFTER_S:
                continue
            with self._lock:
                if self._busy_since is not None:
                    self._promote()
