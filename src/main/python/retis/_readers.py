"""Readers of events files and sorted files, as in Retis' Python bindings."""

import os

from ._event import Event
from ._stream import Stream, file_kind


class EventSeries:
    """The events of one packet, from a sorted file (`retis sort -o`): iterable, has a len()."""

    def __init__(self, events):
        self._events = events

    def __iter__(self):
        return iter(self._events)

    def __len__(self):
        return len(self._events)

    def __getitem__(self, index):
        return self._events[index]

    def __repr__(self):
        timestamp = self._events[0].common.timestamp if self._events else None
        return "EventSeries(ts = {}, n_events = {})".format(timestamp, len(self._events))


def _check_kind(path, expected):
    kind = file_kind(path)
    if kind != expected:
        if expected == "events":
            raise RuntimeError("Cannot create a EventReader from a sorted file. Use an SeriesReader instead")
        raise RuntimeError("Cannot create a SeriesReader from an unsorted file. Use an EventReader instead")


class EventReader:
    """Iterates over the events of an events file (`retis collect -o`), startup events included."""

    def __init__(self, path, _follow_splits=False):
        _check_kind(path, "events")
        self._stream = Stream(path, _follow_splits)

    @classmethod
    def with_rotation(cls, path):
        """Reads `path` and, if it is a split file (X.N), X.N+1 and so on."""
        return cls(path, True)

    def __iter__(self):
        return self

    def __next__(self):
        frame = self._stream.next_frame()
        if frame is None:
            raise StopIteration
        return Event(*frame)


class SeriesReader:
    """Iterates over the series (EventSeries) of a sorted file."""

    def __init__(self, path):
        _check_kind(path, "sorted")
        self._stream = Stream(path, False)

    def __iter__(self):
        return self

    def __next__(self):
        count = self._stream.next_frame()
        if count is None:
            raise StopIteration
        return EventSeries([Event(*self._stream.next_frame()) for _ in range(count)])


class EventFile:
    """An events file or a sorted file: sorted() says which; events() or series() reads it."""

    def __init__(self, path, _follow_splits=False):
        self._path = os.fspath(path)
        self._sorted = file_kind(self._path) == "sorted"
        if self._sorted and _follow_splits:
            raise RuntimeError("Cannot use rotation on event series")
        self._follow_splits = _follow_splits

    @classmethod
    def with_rotation(cls, path):
        """`path` and, if it is a split file (X.N), X.N+1 and so on."""
        return cls(path, True)

    def sorted(self):
        return self._sorted

    def events(self):
        return EventReader(self._path, self._follow_splits)

    def series(self):
        return SeriesReader(self._path)
