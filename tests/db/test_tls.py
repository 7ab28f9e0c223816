"""A floor whose server is on another machine: the stations connect with TLS and check the
server's certificate (``sslmode=verify-full``), as README's floor set-up says.

The test makes a throwaway CA and a server certificate for ``localhost``, starts a PostgreSQL
server of its own with ``ssl=on`` that lets the stations' role in only over TLS and with its
password (SCRAM), and connects through the program's own URL handling."""

from __future__ import annotations

import datetime as dt
import ipaddress

import pytest
from sqlalchemy import text

from app.__main__ import main
from app.db.engine import open_database
from app.db.migrate import upgrade
from app.db.roles import grant_station
from tests.pgroles import STATION_PASSWORD, STATION_ROLE
from tests.pgserver import PgServer

pytestmark = pytest.mark.postgres


def _ca(name: str):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return key, cert


def _server_cert(ca_key, ca_cert):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def _pem(cert) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )


@pytest.fixture
def tls_server(tmp_path):
    """A server with ``ssl=on``: the stations' role only over TLS, with its password."""
    ca_key, ca_cert = _ca("Parcelproof test floor CA")
    key, cert = _server_cert(ca_key, ca_cert)
    server = PgServer(
        hba=[
            f"hostssl all {STATION_ROLE} 127.0.0.1/32 scram-sha-256",
            f"host all {STATION_ROLE} 127.0.0.1/32 reject",
        ]
    )
    crt = server.put_file("server.crt", _pem(cert), 0o644)
    srv_key = server.put_file("server.key", _key_pem(key), 0o600)
    server.settings.update(ssl="on", ssl_cert_file=str(crt), ssl_key_file=str(srv_key))
    owner_url = server.start()
    ca_file = tmp_path / "floor-ca.crt"  # what a station keeps: the CA's certificate only
    ca_file.write_bytes(_pem(ca_cert))
    owner = open_database(owner_url)
    upgrade(owner)
    grant_station(owner, STATION_ROLE, STATION_PASSWORD)
    owner.dispose()
    yield server, ca_file
    server.stop()


def _station_url(server, ca_file, *, password=STATION_PASSWORD, sslmode="verify-full") -> str:
    # the URL a station on another machine is given (README): its name in the certificate
    return (
        f"postgresql://{STATION_ROLE}:{password}@localhost:{server.port}/postgres"
        f"?sslmode={sslmode}&sslrootcert={ca_file}"
    )


def test_a_station_connects_over_tls_and_checks_the_server(tls_server, capsys):
    server, ca_file = tls_server
    url = _station_url(server, ca_file)
    db = open_database(url)
    with db.read() as s:
        row = s.execute(
            text(
                "SELECT ssl, version, current_user FROM pg_stat_ssl "
                "JOIN pg_stat_activity USING (pid) WHERE pid = pg_backend_pid()"
            )
        ).one()
    db.dispose()
    assert row.ssl is True and row.version.startswith("TLS")
    assert row.current_user == STATION_ROLE
    # the program's own commands work over it
    assert main(["--db", url, "verify-log"]) == 0
    assert "intact" in capsys.readouterr().out


def test_a_server_with_another_certificate_is_refused(tls_server, tmp_path):
    server, _ = tls_server
    _, other_ca = _ca("somebody else's CA")
    wrong = tmp_path / "other-ca.crt"
    wrong.write_bytes(_pem(other_ca))
    db = open_database(_station_url(server, wrong))
    with pytest.raises(Exception, match="certificate verify failed"):  # noqa: PT011
        db.engine.connect()
    db.dispose()


def test_the_stations_role_needs_tls_and_its_password(tls_server):
    server, ca_file = tls_server
    for url, problem in (
        (_station_url(server, ca_file, sslmode="disable"), "rejects connection"),
        (_station_url(server, ca_file, password="guess"), "password authentication failed"),
    ):
        db = open_database(url)
        with pytest.raises(Exception, match=problem):  # noqa: PT011
            db.engine.connect()
        db.dispose()
