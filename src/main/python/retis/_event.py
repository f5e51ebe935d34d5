"""Events and their sections, as Retis' Python bindings show them.

An event keeps what jretis sent for it as bytes and parses its JSON at the first look inside:
scripts that only count or print events never pay for it.
"""

import base64
import json

from ._stream import section_texts

# Retis' event sections, by attribute name (JSON names use '-' where these use '_').
SECTIONS = ("common", "kernel", "userspace", "tracking", "skb_tracking", "skb_drop", "packet", "skb",
            "netns", "dev", "ovs", "ovs_detrace", "nft", "ct", "startup")


def _wrap(value, kind=None):
    if isinstance(value, dict):
        return (kind or Struct)(value)
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


class Struct:
    """A JSON object of an event: its fields as attributes (None when absent), to_dict()."""

    __slots__ = ("_data",)

    def __init__(self, data):
        self._data = data

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        data = self._data
        if name in data:
            return self._field(name, data[name])
        dashed = name.replace("_", "-")
        return self._field(dashed, data.get(dashed))

    def _field(self, name, value):
        return _wrap(value)

    def __getitem__(self, name):
        value = self.__getattr__(name)
        if value is None:
            raise KeyError(name)
        return value

    def __contains__(self, name):
        return self.__getattr__(name) is not None

    def __dir__(self):
        return sorted(set(object.__dir__(self)) | {k.replace("-", "_") for k in self._data})

    def __eq__(self, other):
        return isinstance(other, Struct) and self._data == other._data

    __hash__ = None

    def to_dict(self):
        """The data as plain dicts and lists (a copy)."""
        return json.loads(json.dumps(self._data))

    def __repr__(self):
        return repr(self._data)


class SkbTracking(Struct):
    """The skb-tracking section (also the `skb` of the tracking section)."""

    __slots__ = ()

    def tracking_id(self):
        """The packet's tracking id: first-seen timestamp and original head, as one integer."""
        return (self._data["timestamp"] << 64) | self._data["orig_head"]

    def match(self, other):
        """Whether both come from the same packet, clones included."""
        return self.tracking_id() == other.tracking_id()

    def strict_match(self, other):
        """Whether both come from the very same skb."""
        return self.match(other) and self._data["skb"] == other._data["skb"]


class Packet(Struct):
    """The packet section: `data` is the packet's bytes."""

    __slots__ = ()

    def _field(self, name, value):
        if name == "data" and isinstance(value, str):
            return base64.b64decode(value)
        return _wrap(value)

    def to_scapy(self):
        """The packet as a Scapy Ether object (Scapy must be installed)."""
        try:
            import scapy.all
        except ImportError:
            raise ImportError("Could not import scapy.all") from None
        return scapy.all.Ether(self.data)


class Tracking(Struct):
    """The tracking section of sorted events: `skb` has the skb-tracking helpers."""

    __slots__ = ()

    def _field(self, name, value):
        return _wrap(value, SkbTracking if name == "skb" else None)


class Section:
    """Mixin: a top-level section prints as jretis prints it."""

    __slots__ = ()

    def __str__(self):
        return self._event._section_text(self._name)


def _section_class(base):
    class _S(Section, base):
        __slots__ = ("_event", "_name")

        def __init__(self, data, event, name):
            base.__init__(self, data)
            self._event = event
            self._name = name

    _S.__name__ = base.__name__ + "Section" if base is not Struct else "Section"
    return _S


_SECTION_CLASSES = {
    "skb-tracking": _section_class(SkbTracking),
    "packet": _section_class(Packet),
    "tracking": _section_class(Tracking),
}
_PLAIN_SECTION = _section_class(Struct)


class Event:
    """A Retis event: its sections as attributes (`e.skb_tracking`, or `e["skb-tracking"]`), None
    when absent; `print(e)` shows it as `retis print` does."""

    __slots__ = ("_blob", "_json_len", "_data", "_texts")

    def __init__(self, blob, json_len):
        self._blob = blob
        self._json_len = json_len
        self._data = None
        self._texts = None

    def _json(self):
        data = self._data
        if data is None:
            data = self._data = json.loads(self._blob[:self._json_len])
        return data

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        data = self._json()
        key = name if name in data else name.replace("_", "-")
        value = data.get(key)
        if value is None:
            if key in data or name in SECTIONS:
                return None
            raise AttributeError("'Event' object has no attribute '{}'".format(name))
        return _SECTION_CLASSES.get(key, _PLAIN_SECTION)(value, self, key)

    def __getitem__(self, name):
        try:
            value = self.__getattr__(name)
        except AttributeError:
            value = None
        if value is None:
            raise KeyError(name)
        return value

    def __contains__(self, name):
        return name in self._json() or name.replace("_", "-") in self._json()

    def sections(self):
        """The names of the sections present (attribute names), sorted."""
        return sorted(k.replace("-", "_") for k, v in self._json().items() if v)

    def to_dict(self):
        """The event as plain dicts and lists, sections by their JSON names (a fresh copy)."""
        return json.loads(self._blob[:self._json_len])

    def __dir__(self):
        return sorted(set(object.__dir__(self)) | set(self.sections()))

    def __str__(self):
        return self._blob[self._json_len:].decode("utf-8")

    def __repr__(self):
        return repr(self._json())

    def _section_text(self, name):
        if self._texts is None:
            self._texts = section_texts(self._blob[:self._json_len])
        return self._texts.get(name, "")
