"""Times the POST that pays a checkout with 4242 4242 4242 4242 through the page's own form (bench/checkout.sh)."""
import re
import sys
import time

import requests

url, count = sys.argv[1], int(sys.argv[2])
hidden = re.compile(r'<input type="hidden" name="(Input\.Slots\[\d+\]\.[A-Za-z]+)" value="([^"]*)"')
timings = []
for i in range(count):
    shopper = requests.Session()
    # The offer's link opens a session at the shopper's first post (here a plain update of the default choice).
    start = shopper.post(f"{url}/c/demo/coffee-club", data={"_handler": "checkout", "Input.Action": "update"}, allow_redirects=False)
    page_url = url + start.headers["content-location"]
    # Numi marks its cookies Secure outside Development and this bench speaks plain http on the loopback (TLS would end
    # at a proxy), so the session's browser cookie is sent back as a browser behind https would.
    for cookie in shopper.cookies:
        cookie.secure = False
    html = shopper.get(page_url).text
    # The shopper's form carries no antiforgery token: the session's cookie binds it to this browser instead.
    form = {"_handler": "checkout", **dict(hidden.findall(html)),
            "Input.Action": "pay", "Input.Email": f"bench{i}@example.com", "Input.CardNumber": "4242 4242 4242 4242",
            "Input.Expiry": "12/30", "Input.Cvc": "123"}
    form.setdefault("Input.Slots[0].Price", re.search(r'name="Input.Slots\[0\].Price" value="(price_[0-9a-f]+)"', html).group(1))
    began = time.perf_counter()
    paid = shopper.post(page_url, data=form, allow_redirects=False)
    timings.append((time.perf_counter() - began) * 1000)
    if paid.status_code != 302:
        sys.exit(f"payment {i} answered {paid.status_code}")
timings.sort()
pick = lambda q: timings[min(len(timings) - 1, int(q * len(timings)))]
print(f"{count} payments: p50 {pick(0.50):.1f} ms, p99 {pick(0.99):.1f} ms, max {timings[-1]:.1f} ms")
