"""Retis events in Python: the API of Retis' Python bindings, served by jretis.

    from retis import EventFile
    for event in EventFile("retis.data").events():
        print(event)

Events are read by jretis (found through JRETIS_COMMAND, the jar this package was imported from,
the source tree, or `retis` on PATH), so they print exactly as `retis print` prints them.
"""

from ._event import Event
from ._readers import EventFile, EventReader, EventSeries, SeriesReader

__all__ = ["Event", "EventFile", "EventReader", "EventSeries", "SeriesReader"]
