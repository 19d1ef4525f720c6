#!/usr/bin/python3
"""Weir's Retail API over gRPC with `grpcio`: create and get a customer, stream its invoices, and read the
error details of a failed call. Generate the stubs first: ./generate_stubs.sh

    /usr/bin/python3 grpc_example.py localhost:9081 [STUBS_DIR] [CUSTOMER_WITH_INVOICES]
"""
import os
import sys
import uuid

target = sys.argv[1] if len(sys.argv) > 1 else "localhost:9081"
stubs = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "generated")
sys.path.insert(0, stubs)

import grpc  # noqa: E402
from retail.v1 import customers_pb2, customers_pb2_grpc  # noqa: E402

channel = grpc.insecure_channel(target)
customers = customers_pb2_grpc.CustomersStub(channel)
run = uuid.uuid4().hex[:8]

created = customers.CreateCustomer(customers_pb2.CreateCustomerRequest(customer_id=f"grpc{run}", country="Malta"),
                                   timeout=5)
print("created", created.customer_id, created.country, created.etag)
got = customers.GetCustomer(customers_pb2.GetCustomerRequest(customer_id=f"grpc{run}"), timeout=5)
assert got.country == "Malta", got

# Server streaming: one message per invoice, in invoice-number order.
with_invoices = sys.argv[3] if len(sys.argv) > 3 else f"grpc{run}"
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
