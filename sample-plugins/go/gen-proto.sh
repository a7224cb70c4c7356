#!/bin/sh
# Regenerates shared/proto/reverter.pb.go from reverter.proto with Debian's
# protoc (protobuf-compiler) and protoc-gen-go 1.3 (golang-goprotobuf-dev),
# the versions the go-plugin and gRPC sources in /usr/share/gocode build with.
# The generated file is committed: building the plugins needs neither tool.
set -eu
cd "$(dirname "$0")/src"
protoc --go_out=plugins=grpc,paths=source_relative:. plugbench/shared/proto/reverter.proto
echo "regenerated sample-plugins/go/src/plugbench/shared/proto/reverter.pb.go"
