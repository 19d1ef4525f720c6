#!/usr/bin/env bash
# Generates the Python gRPC stubs of the retail.v1 API into ./generated (or $1) with Debian's protoc and
# gRPC Python plugin (apt-get install protobuf-compiler protobuf-compiler-grpc).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/generated}
protos=$here/../../services/retail/api/src/main/protobuf
mkdir -p "$out"
protoc -I "$protos" --python_out="$out" --grpc_python_out="$out" \
  --plugin=protoc-gen-grpc_python="$(command -v grpc_python_plugin)" "$protos"/retail/v1/*.proto
echo "stubs in $out"
