#!/usr/bin/python3
"""Weir's Retail API over REST with `requests`, through the edge with an API key: create a customer, an
invoice and a line, read them back, use an ETag for a conditional GET, and handle RFC 9457 problems.

    /usr/bin/python3 rest_example.py http://localhost:8080 "$WEIR_API_KEY"

The key needs the scopes retail.read and retail.write:
    ./weir keys create --name python --scopes retail.read,retail.write
"""
import os
import sys
import uuid

import requests

base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
key = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("WEIR_API_KEY")
if not key:
    raise SystemExit("usage: rest_example.py EDGE_URL API_KEY (or set WEIR_API_KEY)")
http = requests.Session()
http.headers["X-API-Key"] = key  # a header, never a query parameter: the edge refuses keys in URLs
run = uuid.uuid4().hex[:8]

# Without a key the edge answers 401, as a problem.
anonymous = requests.get(f"{base}/customer/anyone")
assert anonymous.status_code == 401 and anonymous.json()["type"].endswith("/unauthenticated"), anonymous.text


def check(response, *expected):
    """Raises with the problem's type and detail when the status is not one of `expected`."""
    if response.status_code not in expected:
        problem = response.json() if response.headers.get("Content-Type", "").startswith("application/problem+json") else {}
        raise SystemExit(f"{response.request.method} {response.url}: {response.status_code} "
                         f"{problem.get('type', '')} {problem.get('detail', response.text)}")
    return response


customer_id = f"py{run}"
created = check(http.post(f"{base}/customer", json={"customer_id": customer_id, "country": "Iceland"}), 201)
print("created", created.headers["Location"], created.json())

code = f"PY{run}".upper()
check(http.post(f"{base}/stockcode", json={"stock_code": code, "description": "PYTHON MUG", "unit_price": 4.5}), 201)
invoice_no = str(700000 + int(run[:5], 16) % 99999)
check(http.post(f"{base}/customer/{customer_id}/invoice",
                json={"invoice_no": invoice_no, "invoice_date": "2026-11-21T10:00:00"}), 201)
line = check(http.post(f"{base}/invoice/{invoice_no}/{code}", json={"quantity": 6}), 201).json()
assert line["unit_price"] == 4.5, line  # the catalogue's price

invoice = check(http.get(f"{base}/invoice/{invoice_no}"), 200)
print("invoice", invoice.json(), "rate limit left", invoice.headers["RateLimit-Remaining"])
assert [l["stock_code"] for l in invoice.json()["lines"]] == [code]

# Conditional GET: the ETag answers 304 while nothing changed.
again = http.get(f"{base}/invoice/{invoice_no}", headers={"If-None-Match": invoice.headers["ETag"]})
assert again.status_code == 304, again.status_code

# Errors are RFC 9457 problems with a stable type and the offending fields.
invalid = http.post(f"{base}/customer", json={"customer_id": "", "country": "Iceland"})
problem = invalid.json()
assert invalid.status_code == 422 and problem["type"] == "https://weir.dev/problems/validation", problem
print("problem", problem["type"], [e["field"] for e in problem["errors"]])
missing = http.get(f"{base}/customer/no-such-{run}")
assert missing.status_code == 404 and missing.json()["type"].endswith("/not-found")
print("ok")
