"""StudioDesk: offline-first front-counter software for photo studios (影楼)."""

__version__ = "0.1.0"
