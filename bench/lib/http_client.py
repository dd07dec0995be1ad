"""HTTP client for the downtime scenario: one new connection to http://ADDRESS/ every PERIOD_MS,
each bounded by a 1 s timeout, until DURATION_S have passed. Usage: http_client.py ADDRESS PERIOD_MS DURATION_S.
Outcomes are judged from the switch capture, not from here; this prints only totals."""
import asyncio
import sys


async def one(address, counts):
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(address, 80), 1.0)
        writer.write(b"GET / HTTP/1.0\r\nHost: bench\r\n\r\n")
        await asyncio.wait_for(reader.read(), 1.0)
        writer.close()
        counts[0] += 1
    except (OSError, asyncio.TimeoutError):
        counts[1] += 1


async def main(address, period_ms, duration_s):
    loop = asyncio.get_running_loop()
    counts, tasks = [0, 0], set()
    start = loop.time()
    n = 0
    while loop.time() - start < duration_s:
        task = asyncio.ensure_future(one(address, counts))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        n += 1
        await asyncio.sleep(max(0.0, start + n * period_ms / 1000.0 - loop.time()))
    if tasks:
        await asyncio.wait(tasks, timeout=2)
    print("requests %d ok %d failed %d" % (n, counts[0], counts[1]), flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], float(sys.argv[2]), float(sys.argv[3])))
