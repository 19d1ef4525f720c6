"""Sends GETs at a fixed rate (evenly spaced from the start, several connections, so that the upstream's
latency does not slow the pace) and prints the answers' statuses as JSON.

    paced_get.py URL RATE SECONDS [HEADER:VALUE ...]
"""
import collections
import http.client
import json
import sys
import threading
import time
import urllib.parse

url, rate, seconds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
headers = dict(h.split(":", 1) for h in sys.argv[4:])
headers = {k.strip(): v.strip() for k, v in headers.items()}
target = urllib.parse.urlsplit(url)
path = target.path + ("?" + target.query if target.query else "")
total = int(rate * seconds)
start = time.monotonic() + 0.2
statuses = collections.Counter()
retry_after = []
lock = threading.Lock()
next_slot = [0]


def worker():
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    while True:
        with lock:
            slot = next_slot[0]
            next_slot[0] += 1
        if slot >= total:
            conn.close()
            return
        delay = start + slot / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
            if status == 429:
                with lock:
                    retry_after.append(response.getheader("Retry-After"))
        except OSError:
            status = "error"
            conn.close()
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        with lock:
            statuses[str(status)] += 1


threads = [threading.Thread(target=worker) for _ in range(max(2, min(16, int(rate * 0.2) + 2)))]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({"sent": total, "rate": rate, "seconds": round(time.monotonic() - start, 2),
                  "statuses": statuses, "retry_after": sorted(set(filter(None, retry_after)))}))
