package shared

import (
	"context"
	"encoding/json"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"plugbench/pluginkit"
)

// ErrorTrailer carries the typed error as JSON beside the gRPC status, as
// plugbench's other gRPC plugins do.
const ErrorTrailer = "plugbench-error-bin"

var statusByCode = map[string]codes.Code{
	"INVALID_INPUT":           codes.InvalidArgument,
	"METHOD_NOT_FOUND":        codes.Unimplemented,
	"TIMEOUT":                 codes.DeadlineExceeded,
	"CANCELLED":               codes.Canceled,
	"HOST_FUNCTION_NOT_FOUND": codes.NotFound,
	"CALL_DEPTH_EXCEEDED":     codes.ResourceExhausted,
}

// toStatus answers a failed call: the status, and the typed error in the trailer.
func toStatus(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	typed := pluginkit.AsError(err)
	_ = grpc.SetTrailer(ctx, metadata.Pairs(ErrorTrailer, pluginkit.WireJSON(typed)))
	code, ok := statusByCode[typed.Code]
	if !ok {
		code = codes.Unknown
	}
	return status.Error(code, typed.Message)
}

// fromStatus rebuilds the typed error of a failed call from its trailer;
// without one, `fallback` with the status message.
func fromStatus(err error, trailer metadata.MD, fallback string) error {
	if err == nil {
		return nil
	}
	if values := trailer.Get(ErrorTrailer); len(values) > 0 {
		var typed pluginkit.Error
		if json.Unmarshal([]byte(values[0]), &typed) == nil && typed.Code != "" {
			return &typed
		}
	}
	return &pluginkit.Error{Code: fallback, Message: status.Convert(err).Message()}
}
