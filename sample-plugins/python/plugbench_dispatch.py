"""The plugin side's dispatcher for plugbench's Python plugins (standard library only).

Routes a host call to the plugin's METHODS (with the fault methods when the host
asks for fault injection), keeps the calls still open and the host calls the
plugin is waiting on. Split from plugbench_plugin.py, which holds the start-up,
the contract checks and the codec the runners share.
"""
import os
import threading
import time
from concurrent.futures import Future

from call_load import CallLoad
from plugbench_plugin import CRASH_EXIT_CODE, PluginError, to_plugin_error


class PendingHostCalls:
    """Host calls waiting for their answer, by id; any number may be in flight at once."""

    def __init__(self):
        self._waiting = {}
        self._lock = threading.Lock()
        self._next_id = 0

    def send_and_wait(self, send):
        """Calls send(id) to put the request on the wire, then blocks this thread until it is settled."""
        future = Future()
        with self._lock:
            self._next_id += 1
            call_id = self._next_id
            self._waiting[call_id] = future
        send(call_id)
        return future.result()

    def resolve(self, call_id, value):
        future = self._waiting.pop(call_id, None)
        if future is not None:
            future.set_result(value)

    def reject(self, call_id, error):
        future = self._waiting.pop(call_id, None)
        if future is not None:
            future.set_exception(error)

    def reject_all(self, error):
        for call_id in list(self._waiting):
            self.reject(call_id, error)


class OpenCalls:
    """Calls from the host not yet answered, by key. When the host gives one up
    (its cancel message), what the call returns later is dropped: Python threads
    cannot be interrupted. No lock: a set's add and remove are each atomic under
    CPython's GIL, and this sits on every call's path."""

    def __init__(self):
        self._open = set()

    def add(self, key):
        self._open.add(key)

    def close(self, key):
        """True for the one caller that gets to answer (or cancel) the call."""
        try:
            self._open.remove(key)
            return True
        except KeyError:
            return False


class HostClient:
    """What a plugin method gets as `host`: blocking calls back into the host."""

    def __init__(self, host_call, depth):
        self._host_call = host_call
        self._depth = depth

    def call(self, name, *args):
        return self._host_call(name, list(args), self._depth)

    def log(self, level, message):
        self.call("log", level, message)

    def get_config(self, key):
        value = self.call("getConfig", key)
        return value if isinstance(value, str) else None


class Dispatcher:
    """Routes a method name to the plugin, plus the fault-injection switch (off unless asked)."""

    def __init__(self, methods, host_call, garbage):
        self._methods = methods
        self._host_call = host_call
        self.load = CallLoad()
        self._hosts = {}  # one HostClient per call depth, made once: it holds nothing else
        self._faults = {}
        if os.environ.get("PLUGBENCH_FAULT_INJECTION") == "1":
            self._faults = {
                "fault:crash": lambda args: os._exit(CRASH_EXIT_CODE),
                "fault:garbage": lambda args: (garbage(), threading.Event().wait()),
                "fault:hang": self._hang,
                "fault:stall": lambda args: threading.Event().wait(),
                "fault:throw": lambda args: self._throw(args),
                "fault:sleep": lambda args: (time.sleep((float(args[0]) if args else 0) / 1000), "slept")[1],
            }

    @staticmethod
    def _hang(args):
        while True:
            pass

    @staticmethod
    def _throw(args):
        raise RuntimeError(args[0] if args and isinstance(args[0], str) else "fault injected by request")

    def dispatch_tracked(self, key, method, args, depth):
        """dispatch, counted in `load` under the protocol's `key` for the call (give_up(key) when the host gives it up)."""
        self.load.begin(key)
        try:
            return self.dispatch(method, args, depth)
        finally:
            self.load.end(key)

    def dispatch(self, method, args, depth):
        if method in self._faults:
            return self._faults[method](args)
        fn = self._methods.get(method)
        if fn is None:
            raise PluginError("METHOD_NOT_FOUND", 'plugin has no method "%s"' % method, {"method": method})
        host = self._hosts.get(depth)
        if host is None:
            host = self._hosts[depth] = HostClient(self._host_call, depth)
        try:
            return fn(*args, host)
        except PluginError:
            raise
        except TypeError as error:
            raise PluginError("INVALID_INPUT", str(error))
        except Exception as error:  # the plugin failed: report it typed, keep serving
            raise to_plugin_error(error)

