"""Reading speed of the retis Python package: `retis python -i FILE bench/python/read.py [MODE]`.

MODE: iterate (default: events only), text (str(event) too), json (an event field, so its JSON is
parsed). Prints events/s of wall-clock time and the CPU seconds of this Python process (the jretis
reader runs alongside in its own process).
"""
import time

mode = sys.argv[1] if len(sys.argv) > 1 else "iterate"
start, cpu = time.time(), time.process_time()
count = 0
for event in reader.events():
    count += 1
    if mode == "text":
        str(event)
    elif mode == "json":
        event.common
elapsed = time.time() - start
print("{}: {} events in {:.2f} s: {:.0f} events/s (python CPU {:.2f} s)".format(
    mode, count, elapsed, count / elapsed, time.process_time() - cpu))
