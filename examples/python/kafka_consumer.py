#!/usr/bin/python3
"""Reads Weir's retail events (CloudEvents 1.0, structured JSON) from Kafka with `confluent-kafka`.

    /usr/bin/python3 kafka_consumer.py 127.0.0.1:9092 [COUNT] [SUBJECT]

Prints each event's type and subject and stops after COUNT events (default 10), or, given a SUBJECT (a
customer id, an invoice number), once an event about it has arrived. Exits 1 if none came within 60 s.
"""
import json
import sys
import time
import uuid

from confluent_kafka import Consumer

bootstrap = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:9092"
count = int(sys.argv[2]) if len(sys.argv) > 2 else 10
subject = sys.argv[3] if len(sys.argv) > 3 else None

consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"python-example-{uuid.uuid4().hex[:8]}",
                     "auto.offset.reset": "earliest", "enable.auto.commit": False})
consumer.subscribe(["weir.events.retail"])
seen, deadline = 0, time.time() + 60
try:
    while time.time() < deadline:
        message = consumer.poll(0.5)
        if message is None or message.error():
            continue
        event = json.loads(message.value())
        seen += 1
        print(f"{event['type']:36} subject={event.get('subject')} id={event['id']} key={message.key().decode()}")
        if (subject and event.get("subject") == subject) or (not subject and seen >= count):
            print("ok")
            sys.exit(0)
finally:
    consumer.close()
sys.exit(f"no {'event about ' + subject if subject else str(count) + ' events'} within 60 s (saw {seen})")
