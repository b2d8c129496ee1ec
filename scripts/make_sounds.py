"""Write the scan feedback sounds (resources/sounds/*.wav): short, distinct, quiet.

    .venv/bin/python scripts/make_sounds.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds"


def tone(parts: list[tuple[float, float]], volume: float = 0.35) -> bytes:
    """(frequency Hz, seconds) parts, with short fades so nothing clicks."""
    frames = bytearray()
    for freq, seconds in parts:
        n = int(RATE * seconds)
        fade = int(RATE * 0.008)
        for i in range(n):
            env = min(1.0, i / fade, (n - i) / fade)
            sample = 0 if freq == 0 else volume * env * math.sin(2 * math.pi * freq * i / RATE)
            frames += struct.pack("<h", int(sample * 32767))
    return bytes(frames)


def write(name: str, data: bytes) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT / name), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(data)


if __name__ == "__main__":
    write("good.wav", tone([(1760, 0.09)]))  # one short high beep: done
    write("bad.wav", tone([(330, 0.14), (0, 0.05), (247, 0.22)]))  # two low tones: look at the screen
