"""Times checkout-session writes through the API while something else loads Numi (bench/webhooks.sh): creates COUNT
sessions of the demo offer one after another with `POST /api/v1/checkout/sessions` (its writes run in one database
transaction) and prints p50/p99/max in milliseconds.

    python3 bench/session_timing.py URL API_KEY COUNT LABEL
"""
import sys
import time

import requests

url, key, count, label = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
api = requests.Session()
api.headers["Authorization"] = f"Bearer {key}"
offers = api.get(f"{url}/api/v1/offers", params={"limit": 100}).json()["data"]
offer = next(o["id"] for o in offers if o.get("slug") == "coffee-club")
timings = []
for i in range(count):
    began = time.perf_counter()
    created = api.post(f"{url}/api/v1/checkout/sessions", json={"offer": offer, "customer_email": f"bench{i}@example.com"})
    timings.append((time.perf_counter() - began) * 1000)
    if created.status_code != 200:
        sys.exit(f"session {i} answered {created.status_code}: {created.text[:200]}")
timings.sort()
print(f"sessions {label}: p50 {timings[len(timings) // 2]:.1f} ms, p99 {timings[int(len(timings) * 0.99) - 1]:.1f} ms, "
      f"max {timings[-1]:.1f} ms over {count}")
