"""Reads every record of a Kafka topic (weir.raw.fhrs) from the beginning to its current end and compares the
distinct FHRSIDs on it with the source file's. Prints the figures as JSON; exits 0 when they are equal.

    fhrs_topic.py BOOTSTRAP TOPIC ESTABLISHMENTS_JSON_GZ

A record counts as an establishment when its `stream` header says `establishments` or, without such a header,
when its JSON value (or the `data`/`record`/`payload`/`value` object inside it) carries an FHRSID.
Needs Debian's python3-confluent-kafka (/usr/bin/python3).
"""
import gzip
import json
import sys
import uuid

from confluent_kafka import Consumer, KafkaException, TopicPartition

bootstrap, topic, source = sys.argv[1], sys.argv[2], sys.argv[3]

with gzip.open(source, "rt", encoding="utf-8") as f:
    source_records = json.load(f)
source_ids = {r["FHRSID"] for r in source_records}


def fhrsid(value):
    if isinstance(value, dict):
        if "FHRSID" in value:
            return value["FHRSID"]
        for key in ("data", "record", "payload", "value"):
            inner = value.get(key)
            if isinstance(inner, dict) and "FHRSID" in inner:
                return inner["FHRSID"]
    return None


consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "weir-bench-" + uuid.uuid4().hex,
                     "enable.auto.commit": False, "auto.offset.reset": "earliest"})
try:
    metadata = consumer.list_topics(topic, timeout=15)
    if topic not in metadata.topics or metadata.topics[topic].error is not None:
        print(json.dumps({"error": f"topic {topic} not found on {bootstrap}"}))
        sys.exit(1)
    partitions = sorted(metadata.topics[topic].partitions)
    ends, assignment = {}, []
    for p in partitions:
        low, high = consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=15)
        if high > low:
            ends[p] = high
            assignment.append(TopicPartition(topic, p, low))
    consumer.assign(assignment)
    records = establishments = other = undecodable = 0
    topic_ids = set()
    done = set()
    while len(done) < len(ends):
        batch = consumer.consume(num_messages=5000, timeout=5)
        if not batch:
            break
        for message in batch:
            if message.error():
                raise KafkaException(message.error())
            records += 1
            if message.offset() + 1 >= ends[message.partition()]:
                done.add(message.partition())
            headers = {k: (v.decode("utf-8", "replace") if v is not None else None)
                       for k, v in (message.headers() or [])}
            try:
                value = json.loads(message.value())
            except (TypeError, ValueError):
                undecodable += 1
                continue
            stream = headers.get("stream")
            key = fhrsid(value)
            if (stream == "establishments" or stream is None) and key is not None:
                establishments += 1
                topic_ids.add(key)
            else:
                other += 1
finally:
    consumer.close()

missing = source_ids - topic_ids
extra = topic_ids - source_ids
print(json.dumps({"topic": topic, "records": records, "establishment_records": establishments,
                  "other_records": other, "undecodable": undecodable, "distinct_fhrsid": len(topic_ids),
                  "source_records": len(source_records), "source_distinct_fhrsid": len(source_ids),
                  "missing": len(missing), "extra": len(extra), "missing_sample": sorted(missing)[:5],
                  "extra_sample": sorted(extra)[:5]}))
sys.exit(0 if not missing and not extra else 1)
