"""The events of a file, read by jretis itself.

jretis (``retis python --emit``) reads the input as ``retis print`` does and writes, per event,
its JSON and its text (framing: org.jretis.python.EventStream). Python thus prints events exactly
as jretis does, and parses an event's JSON only when the script looks at it. The texts of single
sections come from one more jretis process (``--emit-sections``), started at the first request.
"""

import os
import shutil
import subprocess
import zipfile

# Set by `retis python`: the command line of the tool, one argument a line.
_COMMAND_VARIABLE = "JRETIS_COMMAND"


def _tool_command():
    """How to start jretis: as `retis python` says, else from where this package lies."""
    given = os.environ.get(_COMMAND_VARIABLE)
    if given:
        return given.split("\n")
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    container = os.path.dirname(package_root)
    if os.path.isfile(container) and zipfile.is_zipfile(container):
        # Imported from the jar itself (PYTHONPATH=.../jretis.jar/python).
        java_home = os.environ.get("JAVA_HOME")
        java = os.path.join(java_home, "bin", "java") if java_home else shutil.which("java")
        if java:
            return [java, "-cp", container, "org.jretis.cli.Main"]
    # Imported from the source tree (src/main/python) or the build (target/classes/python).
    launcher = os.path.join(container, os.pardir, os.pardir, "retis")
    if os.path.isfile(launcher):
        return [os.path.normpath(launcher)]
    on_path = shutil.which("retis")
    if on_path:
        return [on_path]
    raise RuntimeError("Cannot find jretis: put its 'retis' launcher on PATH or set " + _COMMAND_VARIABLE)


def file_kind(path):
    """'events' or 'sorted', from the first non-blank character of the file, as jretis decides."""
    try:
        with open(path, "rb") as f:
            for line in f:
                stripped = line.lstrip()
                if not stripped:
                    continue
                if stripped[:1] == b"{":
                    return "events"
                if stripped[:1] == b"[":
                    return "sorted"
                break
            else:
                raise RuntimeError("{}: empty file".format(path))
    except OSError as e:
        raise RuntimeError("{}: {}".format(path, e.strerror or e)) from None
    raise RuntimeError("{}: not a Retis events file (the first line is not a JSON object or array)".format(path))


def _start(options, stdin):
    # A session of its own: Ctrl-C in the console is for Python, not for the tool.
    return subprocess.Popen(_tool_command() + ["python"] + options, stdin=stdin, stdout=subprocess.PIPE,
                            bufsize=1 << 16, start_new_session=True)


def _stop(process):
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            pipe.close()
    if process.poll() is None:
        process.kill()  # it only reads: nothing is lost
    process.wait()


class Stream:
    """One run of the tool over an input; yields frames until the end of it."""

    def __init__(self, path, follow_splits):
        argument = os.fspath(path) + (".." if follow_splits else "")
        self._process = _start(["--emit", "-i", argument], subprocess.DEVNULL)
        self._out = self._process.stdout
        self._readline = self._out.readline
        self._read = self._out.read
        first = self._readline()
        if first.startswith(b"OK "):
            self.kind = first[3:].strip().decode()
            return
        self.close()
        raise self._failure(first)

    def _failure(self, line):
        if line.startswith(b"ERR "):
            return RuntimeError(line[4:].decode("utf-8", "replace").rstrip("\n"))
        return RuntimeError("The jretis event reader stopped unexpectedly (see its messages above)")

    def next_frame(self):
        """An event as (bytes, JSON length), the length of the series that follows (sorted files),
        or None at the end of the input."""
        line = self._readline()
        tag = line[:1]
        if tag == b"E":
            _, json_len, text_len = line.split()
            json_len = int(json_len)
            size = json_len + int(text_len)
            blob = self._read(size)
            if len(blob) != size:
                raise self._failure(b"")
            return blob, json_len
        if tag == b"S":
            return int(line[2:])
        if tag == b"D":
            self.close()
            return None
        self.close()
        raise self._failure(line)

    def close(self):
        process = self._process
        if process is not None:
            self._process = None
            _stop(process)

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


# A startup event of the current layout: what the sections process reads first.
_STARTUP = b'{"common":{"timestamp":0},"startup":{"retis_version":"1.7.0"}}\n'
_sections_process = None


def section_texts(event_json):
    """{section name: text} for an event given as its JSON line."""
    global _sections_process
    if _sections_process is None or _sections_process.poll() is not None:
        _sections_process = _start(["--emit-sections"], subprocess.PIPE)
        _section_request(_STARTUP)
    blob = _section_request(event_json)
    texts = {}
    at = 0
    while at < len(blob):
        end = blob.index(b"\n", at)
        name, size = blob[at:end].split(b" ")
        at = end + 1 + int(size)
        texts[name.decode()] = blob[end + 1:at].decode("utf-8")
    return texts


def _section_request(line):
    process = _sections_process
    try:
        process.stdin.write(line)
        process.stdin.flush()
        header = process.stdout.readline()
        if header:
            return process.stdout.read(int(header))
    except OSError:
        pass
    raise RuntimeError("The jretis section formatter stopped unexpectedly (see its messages above)")
