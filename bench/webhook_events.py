"""Writes distinct, signed Stripe events for bench/webhooks.sh: one line each, `Stripe-Signature<TAB>body`.

    python3 bench/webhook_events.py OUT SECRET PREFIX COUNT

Each body is a `charge.succeeded` event of about 1.6 KB, shaped as Stripe sends it (Numi stores it, and its processing
job marks it processed: it acts on no charge.succeeded). The id is `evt_<PREFIX><n>`, so a run's events can be counted
in the database afterwards. Signed now with SECRET as Stripe does (HMAC-SHA256 of `t.body`), so the lines must be
posted within Stripe.net's 300 s tolerance.
"""
import hashlib
import hmac
import json
import sys
import time

out, secret, prefix, count = sys.argv[1], sys.argv[2].encode(), sys.argv[3], int(sys.argv[4])
now = int(time.time())
with open(out, "w") as lines:
    for n in range(count):
        charge = {
            "id": f"ch_{prefix}{n}", "object": "charge", "amount": 2400, "amount_captured": 2400, "amount_refunded": 0,
            "application": None, "application_fee": None, "application_fee_amount": None,
            "balance_transaction": f"txn_{prefix}{n}",
            "billing_details": {"address": {"city": "Portland", "country": "US", "line1": "1 Roast Street", "line2": None,
                                            "postal_code": "97201", "state": "OR"},
                                "email": f"shopper{n}@example.com", "name": "Bench Shopper", "phone": None},
            "calculated_statement_descriptor": "DEMO COFFEE", "captured": True, "created": now, "currency": "usd",
            "customer": f"cus_{prefix}{n}", "description": None, "disputed": False, "failure_code": None,
            "failure_message": None, "livemode": False, "metadata": {"numi_organization": "org_bench"},
            "outcome": {"network_status": "approved_by_network", "reason": None, "risk_level": "normal", "risk_score": 32,
                        "seller_message": "Payment complete.", "type": "authorized"},
            "paid": True, "payment_intent": f"pi_{prefix}{n}", "payment_method": f"pm_{prefix}{n}",
            "payment_method_details": {"card": {"brand": "visa", "checks": {"address_line1_check": "pass",
                                                                            "address_postal_code_check": "pass",
                                                                            "cvc_check": "pass"},
                                                "country": "US", "exp_month": 12, "exp_year": 2030, "funding": "credit",
                                                "last4": "4242", "network": "visa"},
                                       "type": "card"},
            "receipt_email": None, "receipt_url": f"https://pay.stripe.com/receipts/{prefix}{n}", "refunded": False,
            "status": "succeeded",
        }
        event = {"id": f"evt_{prefix}{n}", "object": "event", "api_version": "2026-10-28.endive", "created": now,
                 "data": {"object": charge}, "livemode": False, "pending_webhooks": 1,
                 "request": {"id": f"req_{prefix}{n}", "idempotency_key": None}, "type": "charge.succeeded"}
        body = json.dumps(event, separators=(",", ":"))
        signature = hmac.new(secret, f"{now}.{body}".encode(), hashlib.sha256).hexdigest()
        lines.write(f"t={now},v1={signature}\t{body}\n")
