"""Pay → thank-you with many shoppers at once (bench/checkout.sh, issue 12): each shopper pays a checkout session of
their own with 4242 4242 4242 4242 through the page's form, then opens the thank-you page it is sent to.

    python3 bench/pay_concurrent.py URL SHOPPERS PAYMENTS [DATABASE]
    (environment: WARM=N pays N sessions first, the same way, and reports them apart: a server's first payments
    after it starts run while the JIT still compiles and re-tiers the path; SERVER_PID=P reports Numi's CPU per payment;
    APART=N, with SERVER_PID, then pays N more sessions in two phases, all the paying POSTs, a second's pause, then all
    the thank-you GETs, and reports Numi's CPU per POST and per GET apart; FIRST=N numbers the shoppers' emails from N,
    so runs against one server pay as new customers)

First, untimed: PAYMENTS sessions are opened the way a browser does (the first post to the offer's link, which gives the
session's cookie) and each session's page is read for its form. Then SHOPPERS shoppers run at once, each on its own
keep-alive connection, each taking the next unpaid session: the paying POST is timed (it answers 302 once the order is
saved), then the GET of the thank-you page it redirects to (cold: nothing has read that page since the payment).
Last, the same client at the same concurrency times GET /bench/bare (bytes from memory, when Numi serves it): the
floor this client and machine put under every figure. With DATABASE (Numi's SQLite file) the orders made are counted
against the payments answered (one each: exactly once).

The client is asyncio over raw sockets, not `requests`: on these 2 cores a client spending a millisecond of Python per
request would queue 32 shoppers behind itself and measure its own backlog.
"""
import asyncio
import os
import re
import sqlite3
import sys
import time
from urllib.parse import urlencode, urlsplit

url, shoppers, payments = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
database = sys.argv[4] if len(sys.argv) > 4 else None
warm = int(os.environ.get("WARM", "0"))
first = int(os.environ.get("FIRST", "0"))
server_pid = os.environ.get("SERVER_PID")
host, port = urlsplit(url).hostname, urlsplit(url).port
hidden = re.compile(r'<input type="hidden" name="(Input\.Slots\[\d+\]\.[A-Za-z]+)" value="([^"]*)"')


class Connection:
    """One keep-alive HTTP/1.1 connection: a request is written whole, its answer read whole (Content-Length or chunked)."""

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(host, port)
        return self

    async def send(self, method, path, body=b"", headers=()):
        head = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", *headers]
        if method == "POST":
            head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        status = int((await self.reader.readline()).split()[1])
        fields = []
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            fields.append((name.strip().lower(), value.strip()))
        found = dict(fields)
        if "content-length" in found:
            content = await self.reader.readexactly(int(found["content-length"]))
        elif found.get("transfer-encoding") == "chunked":
            content = b""
            while size := int((await self.reader.readline()).split(b";")[0], 16):
                content += await self.reader.readexactly(size + 2)
                content = content[:-2]
            await self.reader.readline()
        else:
            content = b""
        return status, fields, content


async def open_session(connection, number):
    """The shopper's first post to the offer's link: the session's path, its cookie and the form that pays it."""
    status, fields, _ = await connection.send("POST", "/c/demo/coffee-club", urlencode({"_handler": "checkout", "Input.Action": "update"}).encode())
    if status != 200:
        sys.exit(f"opening session {number} answered {status}")
    found = dict(fields)
    path = found["content-location"]
    # Numi marks its cookies Secure outside Development and this bench speaks plain http on the loopback (TLS would end
    # at a proxy), so the cookie is sent back as a browser behind https would.
    cookie = next(value.split(";")[0] for name, value in fields if name == "set-cookie" and value.startswith("numi.checkout="))
    _, _, page = await connection.send("GET", path)
    html = page.decode()
    form = {"_handler": "checkout", **dict(hidden.findall(html)), "Input.Action": "pay", "Input.Email": f"shopper{number}@example.com",
            "Input.CardNumber": "4242 4242 4242 4242", "Input.Expiry": "12/30", "Input.Cvc": "123"}
    form.setdefault("Input.Slots[0].Price", re.search(r'name="Input.Slots\[0\].Price" value="(price_[0-9a-f]+)"', html).group(1))
    return path, cookie, urlencode(form).encode()


def server_cpu_seconds():
    """User + system CPU of Numi's process so far (Linux /proc; clock ticks of 1/100 s)."""
    fields = open(f"/proc/{server_pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def open_sessions(count, first=0):
    sessions, numbers = [], iter(range(first, first + count))

    async def opener():
        connection = await Connection().open()
        for number in numbers:
            sessions.append(await open_session(connection, number))
    await asyncio.gather(*(opener() for _ in range(4)))
    return sessions


async def pay(sessions):
    pays, thanks, refused = [], [], []

    async def shopper():
        connection = await Connection().open()
        while sessions:
            path, cookie, form = sessions.pop()
            began = time.perf_counter()
            status, fields, _ = await connection.send("POST", path, form, [f"Cookie: {cookie}"])
            pays.append((time.perf_counter() - began) * 1000)
            location = dict(fields).get("location", "")
            if status != 302 or not location.endswith(path):
                refused.append(f"pay {path}: {status} {location}")
                continue
            began = time.perf_counter()
            status, _, page = await connection.send("GET", location, headers=[f"Cookie: {cookie}"])
            thanks.append((time.perf_counter() - began) * 1000)
            if status != 200 or b'data-testid="order-number"' not in page:
                refused.append(f"thank-you {path}: {status}")
    began = time.perf_counter()
    await asyncio.gather(*(shopper() for _ in range(shoppers)))
    return pays, thanks, refused, time.perf_counter() - began


async def pay_apart(count, first):
    """The paying POSTs of COUNT sessions, then (after a second for the jobs they set off) their thank-you GETs, each
    phase at the same concurrency, with Numi's CPU per request of each phase."""
    sessions = await open_sessions(count, first)
    paid, refused = [], []

    async def run_phase(work):
        pending = iter(list(work))

        async def shopper():
            connection = await Connection().open()
            for item in pending:
                await item(connection)
        cpu = server_cpu_seconds()
        await asyncio.gather(*(shopper() for _ in range(shoppers)))
        return server_cpu_seconds() - cpu

    def post(path, cookie, form):
        async def send(connection):
            status, fields, _ = await connection.send("POST", path, form, [f"Cookie: {cookie}"])
            if status == 302 and dict(fields).get("location", "").endswith(path):
                paid.append((path, cookie))
            else:
                refused.append(f"pay {path}: {status}")
        return send

    def get(path, cookie):
        async def send(connection):
            status, _, page = await connection.send("GET", path, headers=[f"Cookie: {cookie}"])
            if status != 200 or b'data-testid="order-number"' not in page:
                refused.append(f"thank-you {path}: {status}")
        return send

    posts = await run_phase(post(*s) for s in sessions)
    await asyncio.sleep(1)
    gets = await run_phase(get(*p) for p in list(paid))
    print(f"apart, {count} sessions: Numi's CPU per paying POST {posts * 1000 / count:.2f} ms (with the jobs it sets off in the phase), per thank-you GET {gets * 1000 / max(1, len(paid)):.2f} ms")
    return refused


async def bare(count):
    timings, statuses = [], set()
    remaining = iter(range(count))

    async def client():
        connection = await Connection().open()
        for _ in remaining:
            began = time.perf_counter()
            status, _, _ = await connection.send("GET", "/bench/bare")
            timings.append((time.perf_counter() - began) * 1000)
            statuses.add(status)
    await asyncio.gather(*(client() for _ in range(shoppers)))
    return timings if statuses == {200} else None


def summary(timings):
    timings = sorted(timings)
    pick = lambda q: timings[min(len(timings) - 1, int(q * len(timings)))]
    return f"p50 {pick(0.50):.1f} ms, p99 {pick(0.99):.1f} ms, max {timings[-1]:.1f} ms over {len(timings)}"


def count_orders():
    with sqlite3.connect(database) as db:
        return db.execute("select count(*) from orders").fetchone()[0]


async def run(count, first, label):
    sessions = await open_sessions(count, first)
    orders_before = count_orders() if database else None
    cpu_before = server_cpu_seconds() if server_pid else None
    pays, thanks, refused, seconds = await pay(sessions)
    print(f"{label}: {shoppers} shoppers at once, {count} sessions paid in {seconds:.1f} s ({len(pays) / seconds:.0f} payments/s)")
    print(f"pay (POST → 302): {summary(pays)}")
    if thanks:
        print(f"thank-you (cold GET): {summary(thanks)}")
    if server_pid:
        print(f"Numi's CPU per payment (the POST and the thank-you page, with the jobs it sets off): {(server_cpu_seconds() - cpu_before) * 1000 / len(pays):.1f} ms")
    answered = len(pays) - sum(r.startswith("pay") for r in refused)
    if database:
        print(f"orders made: {count_orders() - orders_before} for {answered} payments answered 302")
    return refused


async def main():
    refused = await run(warm, first, "first payments after start") if warm else []
    refused += await run(payments, first + warm, "warm" if warm else "paid")
    apart = int(os.environ.get("APART", "0"))
    if apart and server_pid:
        refused += await pay_apart(apart, first + warm + payments)
    floor = await bare(payments)
    if floor:
        print(f"client floor, GET /bench/bare at the same concurrency: {summary(floor)}")
    if refused:
        sys.exit(f"{len(refused)} answers not 302/200, e.g. {refused[:3]}")


asyncio.run(main())
