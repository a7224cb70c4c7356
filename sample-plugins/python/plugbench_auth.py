"""How a Python plugin proves its channel belongs to its host (docs/decisions/authenticated-channels.md).

The host hands each plugin it starts a secret in its environment, never on its
command line: PLUGBENCH_PLUGIN_SECRET (64 hex digits) for ZeroMQ, whose CURVE keys
are derived from it exactly as transports/auth/curve-keys.ts derives them, and
PLUGBENCH_PLUGIN_TLS (JSON: the plugin's certificate and key, and the host's
certificate, the only client it admits) for gRPC's mTLS. Both are taken out of
os.environ once read, so the plugin's own module cannot find them there.
"""
import hashlib
import hmac
import json
import os
import re
import sys

PLUGIN_SECRET_ENV = "PLUGBENCH_PLUGIN_SECRET"
PLUGIN_TLS_ENV = "PLUGBENCH_PLUGIN_TLS"
NO_SECRET_EXIT_CODE = 64
NO_SECRET_MESSAGE = (
    "%s is not set to 64 hex digits: this plugin listens on the network and serves only a host that proves the secret. "
    "The host sets it; to start a plugin by hand for --connect, set it (e.g. `export %s=$(openssl rand -hex 32)`) "
    "and give the host the same value (docs/security.md)." % (PLUGIN_SECRET_ENV, PLUGIN_SECRET_ENV)
)
CURVE_SERVER_LABEL = b"plugbench curve server"
CURVE_CLIENT_LABEL = b"plugbench curve client"


def refuse(message):
    sys.stderr.write(message + "\n")
    sys.exit(NO_SECRET_EXIT_CODE)


def take_plugin_secret():
    secret = os.environ.pop(PLUGIN_SECRET_ENV, "")
    if not re.fullmatch(r"[0-9a-f]{64}", secret):
        refuse(NO_SECRET_MESSAGE)
    return secret


def curve_keys(secret):
    """(server secret key, client public key), Z85: HMAC-SHA256(secret, label) as each X25519 secret key."""
    import zmq
    from zmq.utils import z85

    def derive(label):
        return z85.encode(hmac.new(bytes.fromhex(secret), label, hashlib.sha256).digest())

    return derive(CURVE_SERVER_LABEL), zmq.curve_public(derive(CURVE_CLIENT_LABEL))


class OneClient:
    """ZAP credentials provider: admits the one client key the secret gives."""

    def __init__(self, client_public):
        self.client_public = client_public

    def callback(self, domain, key):
        admitted = hmac.compare_digest(key, self.client_public)
        if not admitted:
            sys.stderr.write("refused a connection: CURVE handshake with a key the secret does not give\n")
        return admitted


def secure_router(context, router, secret):
    """Makes `router` a CURVE server for the secret's keys, with a ZAP handler; call before bind."""
    import zmq
    from zmq.auth.thread import ThreadAuthenticator

    server_secret, client_public = curve_keys(secret)
    authenticator = ThreadAuthenticator(context)
    authenticator.start()
    authenticator.configure_curve_callback(domain="*", credentials_provider=OneClient(client_public))
    router.setsockopt(zmq.CURVE_SERVER, 1)
    router.setsockopt(zmq.CURVE_SECRETKEY, server_secret)
    return authenticator


def grpc_server_credentials():
    """mTLS: the plugin's certificate and key, and the host's certificate as the only client trusted."""
    import grpc

    try:
        tls = json.loads(os.environ.pop(PLUGIN_TLS_ENV, ""))
        pair = (tls["key"].encode(), tls["cert"].encode())
        client = tls["clientCert"].encode()
    except (ValueError, KeyError, TypeError, AttributeError):
        refuse("%s is not set to the host's TLS material: this plugin serves only its host over mTLS (docs/security.md)." % PLUGIN_TLS_ENV)
    return grpc.ssl_server_credentials([pair], root_certificates=client, require_client_auth=True)
