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
        self._running = {}
        self._lock = threading.Lock()
        self._stuck_limit = stuck_limit
        self.changed = threading.Condition(self._lock)

    def begin(self, key):
        with self._lock:
            self._running[key] = False

    def give_up(self, key):
        """The host gave the call `key` up; if it still runs, it counts as stuck."""
        with self._lock:
            if key in self._running and not self._running[key]:
                self._running[key] = True
                self.changed.notify_all()

    def end(self, key):
        with self._lock:
            if self._running.pop(key, None):
                self.changed.notify_all()

    def snapshot(self):
        """What the ping / health answer carries: {busy, stuck, stuckLimit, degraded}."""
        with self._lock:
            busy = len(self._running)
            stuck = sum(1 for given_up in self._running.values() if given_up)
        return {"busy": busy, "stuck": stuck, "stuckLimit": self._stuck_limit, "degraded": stuck >= self._stuck_limit}
