"""Hardware at the counter: scanners that emit text, and printed labels.

Devices emit text, not decisions: a scanner yields a cleaned code through a Qt
signal and the screen that has focus decides what the scan means.
"""
