package shared

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"plugbench/pluginkit"
	"plugbench/shared/proto"
)

// GRPCClient is the host's Reverter: each call goes to the plugin over gRPC.
// A call given a Host serves it through the broker under a fresh id, as
// go-plugin's bidirectional example does.
type GRPCClient struct {
	client proto.ReverterClient
	broker *plugin.GRPCBroker
}

// Revert calls the plugin's Revert.
func (c *GRPCClient) Revert(text string, host pluginkit.Host) (string, error) {
	return c.text(c.client.Revert, text, host)
}

// RevertWithPrefix calls the plugin's RevertWithPrefix; the plugin calls `host` back.
func (c *GRPCClient) RevertWithPrefix(text string, host pluginkit.Host) (string, error) {
	return c.text(c.client.RevertWithPrefix, text, host)
}

// Exit runs the contract's exit in the plugin.
func (c *GRPCClient) Exit() error {
	_, err := c.Invoke("exit", nil, nil)
	return err
}

// Invoke calls any other method by name.
func (c *GRPCClient) Invoke(method string, args []json.RawMessage, host pluginkit.Host) (interface{}, error) {
	if args == nil {
		args = []json.RawMessage{}
	}
	encoded, _ := json.Marshal(args)
	var trailer metadata.MD
	request := &proto.InvokeRequest{Method: method, ArgsJson: string(encoded), Depth: 1, HostBrokerId: c.serveHost(host)}
	reply, err := c.client.Invoke(context.Background(), request, grpc.Trailer(&trailer))
	if err != nil {
		return nil, fromStatus(err, trailer, "PLUGIN_ERROR")
	}
	return json.RawMessage(reply.ValueJson), nil
}

type textCall func(context.Context, *proto.TextRequest, ...grpc.CallOption) (*proto.TextReply, error)

func (c *GRPCClient) text(call textCall, text string, host pluginkit.Host) (string, error) {
	var trailer metadata.MD
	request := &proto.TextRequest{Text: text, Depth: 1, HostBrokerId: c.serveHost(host)}
	reply, err := call(context.Background(), request, grpc.Trailer(&trailer))
	if err != nil {
		return "", fromStatus(err, trailer, "PLUGIN_ERROR")
	}
	return reply.Text, nil
}

// serveHost serves `host` as the Host service under a new broker id; 0 for none.
func (c *GRPCClient) serveHost(host pluginkit.Host) uint32 {
	if host == nil {
		return 0
	}
	id := c.broker.NextId()
	go c.broker.AcceptAndServe(id, func(options []grpc.ServerOption) *grpc.Server {
		server := grpc.NewServer(options...)
		proto.RegisterHostServer(server, &hostServer{host: host})
		return server
	})
	return id
}

// hostServer answers the plugin's callbacks with the host's functions.
type hostServer struct {
	host pluginkit.Host
}

func (s *hostServer) Call(ctx context.Context, req *proto.HostCallRequest) (*proto.HostCallReply, error) {
	var args []interface{}
	if err := json.Unmarshal([]byte(req.ArgsJson), &args); err != nil {
		return nil, toStatus(ctx, pluginkit.Errorf("INVALID_INPUT", "args_json is not a JSON array: %v", err))
	}
	value, err := s.host.Call(req.Name, args...)
	if err != nil {
		return nil, toStatus(ctx, err)
	}
	return &proto.HostCallReply{ValueJson: string(value)}, nil
}
