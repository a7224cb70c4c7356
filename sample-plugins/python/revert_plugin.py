"""The sample revert plugin in Python: what a plugin author writes.

Methods get their arguments and, last, a `host` client (host.get_config(key),
host.log(level, message), host.call(name, *args)) that calls back into the host.
"""
from plugbench_plugin import assert_valid_text

name = "revert"
version = "1.0.0"


def revert(text, host=None):
    """Reverses by code point: a Python str is a sequence of code points."""
    assert_valid_text(text)
    return text[::-1]


def revert_with_prefix(text, host):
    """Asks the host for a prefix (one callback), then reverts."""
    assert_valid_text(text)
    prefix = host.get_config("prefix") or ""
    return prefix + revert(text)


def exit_plugin(host=None):
    """Nothing to release; the host may end the process after this returns."""
    return None


# The contract's method names, mapped to this module's functions.
METHODS = {"revert": revert, "revertWithPrefix": revert_with_prefix, "exit": exit_plugin}
