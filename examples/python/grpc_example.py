#!/usr/bin/python3
"""Weir's Retail API over gRPC with `grpcio`: create and get a customer, stream its invoices, and read the
error details of a failed call. Generate the stubs first: ./generate_stubs.sh

    /usr/bin/python3 grpc_example.py localhost:9081 [STUBS_DIR] [CUSTOMER_WITH_INVOICES] [TOKEN]

The service checks a token of the edge on every call (metadata `authorization: Bearer ...`): TOKEN, or
WEIR_TOKEN, from POST /oauth2/token on the edge for a client with retail.read and retail.write
(./weir clients create --name python --scopes retail.read,retail.write).
"""
import collections
import os
import sys
import uuid

target = sys.argv[1] if len(sys.argv) > 1 else "localhost:9081"
stubs = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "generated")
sys.path.insert(0, stubs)

import grpc  # noqa: E402
from retail.v1 import customers_pb2, customers_pb2_grpc  # noqa: E402

token = sys.argv[4] if len(sys.argv) > 4 else os.environ.get("WEIR_TOKEN")
if not token:
    raise SystemExit("usage: grpc_example.py TARGET STUBS_DIR CUSTOMER TOKEN (or set WEIR_TOKEN)")


class CallDetails(collections.namedtuple(
        "CallDetails", ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression")),
        grpc.ClientCallDetails):
    pass


class BearerToken(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor):
    """Adds `authorization: Bearer TOKEN` to every call's metadata."""

    def _with_token(self, details):
        metadata = list(details.metadata or []) + [("authorization", f"Bearer {token}")]
        return CallDetails(details.method, details.timeout, metadata, details.credentials,
                           getattr(details, "wait_for_ready", None), getattr(details, "compression", None))

    def intercept_unary_unary(self, continuation, details, request):
        return continuation(self._with_token(details), request)

    def intercept_unary_stream(self, continuation, details, request):
        return continuation(self._with_token(details), request)


# Without a token the service refuses: UNAUTHENTICATED.
try:
    customers_pb2_grpc.CustomersStub(grpc.insecure_channel(target)).GetCustomer(
        customers_pb2.GetCustomerRequest(customer_id="anyone"), timeout=5)
    raise SystemExit("expected UNAUTHENTICATED")
except grpc.RpcError as error:
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED, error.code()
    print("error", error.code().name)

channel = grpc.intercept_channel(grpc.insecure_channel(target), BearerToken())
customers = customers_pb2_grpc.CustomersStub(channel)
run = uuid.uuid4().hex[:8]

created = customers.CreateCustomer(customers_pb2.CreateCustomerRequest(customer_id=f"grpc{run}", country="Malta"),
                                   timeout=5)
print("created", created.customer_id, created.country, created.etag)
got = customers.GetCustomer(customers_pb2.GetCustomerRequest(customer_id=f"grpc{run}"), timeout=5)
assert got.country == "Malta", got

# Server streaming: one message per invoice, in invoice-number order.
with_invoices = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else f"grpc{run}"
numbers = [invoice.invoice_no for invoice in
           customers.ListCustomerInvoices(customers_pb2.ListCustomerInvoicesRequest(customer_id=with_invoices), timeout=10)]
print("invoices of", with_invoices, numbers[:5], "..." if len(numbers) > 5 else "")
assert numbers == sorted(numbers)

# Errors are gRPC status codes; the details name the problem type (ErrorInfo.reason).
try:
    customers.GetCustomer(customers_pb2.GetCustomerRequest(customer_id=f"missing{run}"), timeout=5)
    raise SystemExit("expected NOT_FOUND")
except grpc.RpcError as error:
    assert error.code() == grpc.StatusCode.NOT_FOUND, error.code()
    print("error", error.code().name, error.details())
try:
    customers.CreateCustomer(customers_pb2.CreateCustomerRequest(customer_id=f"grpc{run}", country="Malta"), timeout=5)
    raise SystemExit("expected ALREADY_EXISTS")
except grpc.RpcError as error:
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS, error.code()
    print("error", error.code().name, error.details())
print("ok")
