"""The seed blog post's three asyncio programs (gather, wait, as_completed) at a chosen n.

    python3 seed_asyncio.py PROGRAM N     runs one program once, prints its time in seconds
    python3 seed_asyncio.py all N ROUNDS  runs each program ROUNDS times, prints a small table

Each program is the seed's: create N tasks of do_some_work(i) on a new event loop, await them
with asyncio.gather / asyncio.wait / asyncio.as_completed, print every result, close the loop;
the time is the seed's "total run time" (new loop to closed loop). Like the Java side, the
prints go to the null device, through Python's ordinary buffered text file.
"""
import asyncio
import contextlib
import os
import statistics
import sys
import time


async def do_some_work(x):
    print("Hello:", x)
    return "work is done for {}".format(x)


async def hang_coroutine_wait(tasks):
    dones, pendings = await asyncio.wait(tasks)
    for task in dones:
        print("task result:", task.result())


async def hang_coroutine_gather(tasks):
    results = await asyncio.gather(*tasks)
    for result in results:
        print("Task result:", result)


async def hang_coroutine_as_completed(tasks):
    for task in asyncio.as_completed(tasks):
        result = await task
        print("Task result:{}".format(result))


PROGRAMS = {
    "gather": hang_coroutine_gather,
    "wait": hang_coroutine_wait,
    "as_completed": hang_coroutine_as_completed,
}


def run_once(program, n):
    hang = PROGRAMS[program]

    async def main():
        loop = asyncio.get_running_loop()
        tasks = [loop.create_task(do_some_work(i)) for i in range(n)]
        await hang(tasks)

    with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
        start = time.perf_counter()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        loop.run_until_complete(main())
        loop.close()
        end = time.perf_counter()
    return end - start


def main(argv):
    program, n = argv[1], int(argv[2])
    if program == "all":
        rounds = int(argv[3]) if len(argv) > 3 else 3
        print("| program | n | median s | min s | max s |")
        print("|---|---:|---:|---:|---:|")
        for name in PROGRAMS:
            times = [run_once(name, n) for _ in range(rounds)]
            print("| {} | {:,} | {:.3f} | {:.3f} | {:.3f} |".format(
                name, n, statistics.median(times), min(times), max(times)))
    else:
        print("{:.6f}".format(run_once(program, n)))


if __name__ == "__main__":
    main(sys.argv)
