"""What `retis python` runs: a script, or an interactive console, with `reader` over the input."""

import os
import signal
import sys
import traceback


def main(args):
    """args: INPUT, '1' to follow split files or '0', then the script and its arguments, if any."""
    if sys.version_info < (3, 7):
        sys.stderr.write("Error: Python 3.7 or later is needed, this is {}\n".format(sys.version.split()[0]))
        sys.exit(1)
    # The launcher blocks these for the JVM that started us; a Python script wants them back.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGQUIT})
    from . import EventFile

    path, follow, argv = args[0], args[1] == "1", args[2:]
    try:
        reader = EventFile(path, follow)
    except RuntimeError as e:
        sys.stderr.write("Error: {}\n".format(e))
        sys.exit(1)
    if argv:
        sys.exit(_run_script(argv, reader))
    _interact(reader)


def _run_script(argv, reader):
    script = argv[0]
    try:
        with open(script, "rb") as f:
            source = f.read()
    except OSError as e:
        sys.stderr.write("Error: {}: {}\n".format(script, e.strerror))
        return 1
    sys.argv = list(argv)
    # As `python3 script.py`: the script's directory first on the path (for its own modules).
    sys.path[sys.path.index("")] = os.path.dirname(os.path.abspath(script))
    main_module = sys.modules["__main__"]
    scope = main_module.__dict__
    scope.update({"__file__": script, "reader": reader, "sys": sys})
    try:
        exec(compile(source, script, "exec"), scope)
    except SystemExit:
        raise
    except BaseException as e:
        # The script's frames only: ours say nothing to its author.
        traceback.print_exception(type(e), e, e.__traceback__.tb_next)
        return 1
    return 0


def _interact(reader):
    import code

    sys.argv = [""]
    scope = {"__name__": "__console__", "__doc__": None, "reader": reader}
    try:
        exec("from scapy.all import *", scope)
    except ImportError:
        pass
    code.interact(local=scope)
