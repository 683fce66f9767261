# Reads Prometheus' text format on stdin with prometheus-client's own parser and writes its samples
# as JSON lines: {"name", "labels", "value"}; a malformed exposition fails with the parser's error.
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

for family in text_string_to_metric_families(sys.stdin.read()):
    for sample in family.samples:
        print(json.dumps({"family": family.name, "type": family.type, "name": sample.name, "labels": sample.labels, "value": sample.value}))
