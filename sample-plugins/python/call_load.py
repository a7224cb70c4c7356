"""How loaded a Python plugin is: calls running, and calls the host gave up that still run (docs/plugin-protocol.md section 9)."""
import threading


STUCK_LIMIT = 2


class CallLoad:
    """Calls running on this plugin's threads, and how many of them the host already gave up.

    A Python thread cannot be interrupted: a call the host gave up (deadline, cancel)
    that is still running is stuck, holding a thread and maybe a core. At STUCK_LIMIT
    stuck calls the plugin is degraded: its ping / health answer says so, and the
    host's supervisor replaces it. Each protocol says when the host gave a call up.
    """

    def __init__(self, stuck_limit=STUCK_LIMIT):
        # key -> [given up?]: a cell per call, so begin and end (on every call's path) need no lock;
        # each dict operation is atomic under CPython's GIL, and give_up marks the cell, never the dict.
        self._running = {}
        self._lock = threading.Lock()
        self._stuck_limit = stuck_limit
        self.changed = threading.Condition(self._lock)

    def begin(self, key):
        self._running[key] = [False]

    def give_up(self, key):
        """The host gave the call `key` up; if it still runs, it counts as stuck."""
        cell = self._running.get(key)
        if cell is not None and not cell[0]:
            cell[0] = True
            with self._lock:
                self.changed.notify_all()

    def end(self, key):
        cell = self._running.pop(key, None)
        if cell is not None and cell[0]:
            with self._lock:
                self.changed.notify_all()

    def snapshot(self):
        """What the ping / health answer carries: {busy, stuck, stuckLimit, degraded}."""
        cells = list(self._running.values())
        stuck = sum(1 for cell in cells if cell[0])
        return {"busy": len(cells), "stuck": stuck, "stuckLimit": self._stuck_limit, "degraded": stuck >= self._stuck_limit}
