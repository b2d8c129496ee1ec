"""The phone pages (手机理件): a small web server beside the desktop, on the same services and database.

A layer beside :mod:`app.ui`: it imports services (never ``app.ui``), renders pages on the
server (no JavaScript framework: a five-year-old phone browser works) and applies every scan
through the same services the tracking tab uses.
"""
