package shared

import (
	"context"
	"encoding/json"
	"os"
	"sync"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"plugbench/pluginkit"
	"plugbench/shared/proto"
)

// stdout as it was before plugin.Serve swapped os.Stdout for a pipe nobody
// reads in go-plugin 1.0.1's gRPC mode: the host reads this one.
var stdout = os.Stdout

// GRPCServer is the plugin's side: the Reverter service over the Impl.
type GRPCServer struct {
	impl   Reverter
	broker *plugin.GRPCBroker
	faults *pluginkit.Faults
	mu     sync.Mutex
	hosts  map[uint32]*brokeredHost
}

func newGRPCServer(impl Reverter, broker *plugin.GRPCBroker) *GRPCServer {
	garbage := func() { _, _ = stdout.WriteString("garbage that is not the protocol\n") }
	return &GRPCServer{impl: impl, broker: broker, faults: pluginkit.FaultsFromEnv(garbage), hosts: map[uint32]*brokeredHost{}}
}

// Revert is the contract's revert.
func (s *GRPCServer) Revert(ctx context.Context, req *proto.TextRequest) (*proto.TextReply, error) {
	text, err := s.impl.Revert(req.Text, s.host(ctx, req.HostBrokerId, req.Depth))
	return &proto.TextReply{Text: text}, toStatus(ctx, err)
}

// RevertWithPrefix asks the host for its prefix through the broker.
func (s *GRPCServer) RevertWithPrefix(ctx context.Context, req *proto.TextRequest) (*proto.TextReply, error) {
	text, err := s.impl.RevertWithPrefix(req.Text, s.host(ctx, req.HostBrokerId, req.Depth))
	return &proto.TextReply{Text: text}, toStatus(ctx, err)
}

// Invoke runs any other method by name, arguments and result as JSON.
func (s *GRPCServer) Invoke(ctx context.Context, req *proto.InvokeRequest) (*proto.InvokeReply, error) {
	var args []json.RawMessage
	if err := json.Unmarshal([]byte(req.ArgsJson), &args); err != nil {
		return nil, toStatus(ctx, pluginkit.Errorf("INVALID_INPUT", "args_json is not a JSON array: %v", err))
	}
	value, err := pluginkit.Dispatch(s.impl, s.faults, req.Method, args, s.host(ctx, req.HostBrokerId, req.Depth))
	if err != nil {
		return nil, toStatus(ctx, err)
	}
	encoded, err := json.Marshal(value)
	return &proto.InvokeReply{ValueJson: string(encoded)}, toStatus(ctx, err)
}

// host is the Host of one call: the host's Host service, dialled through the
// broker the first time a broker id is seen and kept for later calls.
func (s *GRPCServer) host(ctx context.Context, id uint32, depth int32) pluginkit.Host {
	if id == 0 {
		return pluginkit.NoHost{}
	}
	s.mu.Lock()
	brokered, ok := s.hosts[id]
	if !ok {
		brokered = &brokeredHost{}
		s.hosts[id] = brokered
	}
	s.mu.Unlock()
	brokered.once.Do(func() { brokered.conn, brokered.err = s.broker.Dial(id) })
	return callHost{ctx: ctx, brokered: brokered, depth: depth}
}

type brokeredHost struct {
	once sync.Once
	conn *grpc.ClientConn
	err  error
}

// callHost calls the host's Host service at the depth of the call it serves.
type callHost struct {
	ctx      context.Context
	brokered *brokeredHost
	depth    int32
}

func (h callHost) Call(name string, args ...interface{}) (json.RawMessage, error) {
	if h.brokered.err != nil {
		return nil, pluginkit.Errorf("HOST_ERROR", "cannot reach the host through the broker: %v", h.brokered.err)
	}
	if args == nil {
		args = []interface{}{}
	}
	encoded, err := json.Marshal(args)
	if err != nil {
		return nil, pluginkit.Errorf("INVALID_INPUT", "host call arguments are not JSON: %v", err)
	}
	var trailer metadata.MD
	request := &proto.HostCallRequest{Name: name, ArgsJson: string(encoded), Depth: h.depth}
	reply, err := proto.NewHostClient(h.brokered.conn).Call(h.ctx, request, grpc.Trailer(&trailer))
	if err != nil {
		return nil, fromStatus(err, trailer, "HOST_ERROR")
	}
	return json.RawMessage(reply.ValueJson), nil
}
