"""Publishes the benches' funnel through Numi's REST API: landing (the given blocks) → checkout of the demo's
coffee-club offer → thank-you, at /f/demo/bench. Used by bench/funnels.sh and bench/funnel-step.sh."""
import json
import urllib.request


def publish(url, key, landing_blocks):
    """Returns the landing's and the checkout's step keys."""
    def call(method, path, body=None):
        request = urllib.request.Request(url + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            return json.load(response)
    offer = next(o["id"] for o in call("GET", "/api/v1/offers?limit=100")["data"] if o["slug"] == "coffee-club")
    funnel = call("POST", "/api/v1/funnels", {"name": "Bench", "slug": "bench"})
    for kind in ["landing", "checkout", "thank_you"]:
        funnel = call("POST", f"/api/v1/funnels/{funnel['id']}/steps", {"revision": funnel["revision"], "type": kind})
    landing, checkout = funnel["steps"][0]["key"], funnel["steps"][1]["key"]
    funnel = call("POST", f"/api/v1/funnels/{funnel['id']}/steps/{landing}", {"revision": funnel["revision"], "blocks": landing_blocks})
    funnel = call("POST", f"/api/v1/funnels/{funnel['id']}/steps/{checkout}", {"revision": funnel["revision"], "offer": offer})
    call("POST", f"/api/v1/funnels/{funnel['id']}/publish", {"revision": funnel["revision"]})
    return landing, checkout
