"""The standard grpc.health.v1 service, as the spec says (and as grpc-js's
grpc-health-check does for the Node plugin):

- Check: "" (the whole server) and the plugin's own service answer their status;
  any other service is NOT_FOUND.
- Watch: sends the status at once (SERVICE_UNKNOWN for an unknown service, without
  ending the call), then again each time it changes, until the client goes away.

The status is SERVING, or NOT_SERVING while the plugin is degraded (CallLoad: too
many calls still running after the host gave them up). Every answer carries the
load as JSON in the `plugbench-load` metadata, for the host's health check.
"""
import json

import grpc

import health_pb2

LOAD_METADATA = "plugbench-load"
WATCH_POLL_S = 0.5
Status = health_pb2.HealthCheckResponse


class Health:
    def __init__(self, services, load):
        self._services = frozenset(services)
        self._load = load

    def _status(self, service):
        if service not in self._services:
            return Status.SERVICE_UNKNOWN, None
        snapshot = self._load.snapshot()
        return (Status.NOT_SERVING if snapshot["degraded"] else Status.SERVING), snapshot

    def check(self, request, context):
        status, snapshot = self._status(request.service)
        if snapshot is None:
            context.abort(grpc.StatusCode.NOT_FOUND, "unknown service %s" % json.dumps(request.service[:200]))
        context.set_trailing_metadata(((LOAD_METADATA, json.dumps(snapshot)),))
        return Status(status=status)

    def watch(self, request, context):
        status, snapshot = self._status(request.service)
        context.send_initial_metadata(((LOAD_METADATA, json.dumps(snapshot)),))
        yield Status(status=status)
        while context.is_active():
            with self._load.changed:
                self._load.changed.wait(WATCH_POLL_S)
            now, _ = self._status(request.service)
            if now != status:
                status = now
                yield Status(status=status)

    def handlers(self):
        H = health_pb2
        return {
            "Check": grpc.unary_unary_rpc_method_handler(
                self.check, request_deserializer=H.HealthCheckRequest.FromString, response_serializer=H.HealthCheckResponse.SerializeToString
            ),
            "Watch": grpc.unary_stream_rpc_method_handler(
                self.watch, request_deserializer=H.HealthCheckRequest.FromString, response_serializer=H.HealthCheckResponse.SerializeToString
            ),
        }
