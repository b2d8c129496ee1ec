"""The phone server's certificate: made on first start, kept beside the studio's data.

A self-signed certificate (EC P-256, ten years) naming the studio PC's addresses; a phone
accepts it once. Written beside its final names and renamed into place, key first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import base64
import ipaddress
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CERT_NAME = "phone-server.crt"
KEY_NAME = "phone-server.key"


@dataclass(frozen=True)
class CertFiles:
    cert: Path
    key: Path

    def spki_sha256(self) -> str:
        """The base64 SHA-256 of the certificate's public key (what a browser pins)."""
        cert = x509.load_pem_x509_certificate(self.cert.read_bytes())
        spki = cert.public_key().public_bytes(serialization.Encoding.DER,
                                              serialization.PublicFormat.SubjectPublicKeyInfo)
        return base64.b64encode(hashlib.sha256(spki).digest()).decode()


def _write_beside(path: Path, data: bytes, mode: int = 0o644) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        # A partial file left by a first start killed mid-write keeps its old mode under O_CREAT:
        # remove it and create afresh (O_EXCL), so the private key is never more readable than ``mode``.
        partial.unlink(missing_ok=True)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
        raise


def local_addresses() -> list[str]:
    """This PC's IPv4 addresses a phone on the studio's network may use (best effort)."""
    found = {"127.0.0.1"}
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: only the route's own address is read
            found.add(probe.getsockname()[0])
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    except OSError:
        pass
    return sorted(found)


def ensure_certificate(folder: Path, *, names: list[str] | None = None) -> CertFiles:
    """The certificate and key in ``folder``: made once, then reused as they are."""
    files = CertFiles(folder / CERT_NAME, folder / KEY_NAME)
    if files.cert.exists() and files.key.exists():
        return files
    folder.mkdir(parents=True, exist_ok=True)
    hosts = sorted(set((names or []) + local_addresses() + ["localhost"]))
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "StudioDesk phone server"),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "StudioDesk")])
    alt: list[x509.GeneralName] = []
    for host in hosts:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            alt.append(x509.DNSName(host))
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(key, hashes.SHA256()))
    _write_beside(files.key, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()), 0o600)
    _write_beside(files.cert, cert.public_bytes(serialization.Encoding.PEM))
    return files
