"""A public site may not redirect the crawler to an address inside the network."""

from __future__ import annotations

import pytest

from scraper.addresses import private_address, refused_redirect


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "10.1.2.3", "172.16.0.5", "192.168.1.1", "169.254.169.254", "100.100.100.200",
     "0.0.0.0", "::1", "[::1]", "fe80::1", "fd00:ec2::254", "::ffff:127.0.0.1", "localhost"],
)  # fmt: skip
def test_private_addresses(host: str) -> None:
    assert private_address(host) is not None


@pytest.mark.parametrize(
    "host", ["8.8.8.8", "93.184.215.14", "2606:4700::1111", "no-such-host.invalid"]
)
def test_public_or_unknown_addresses(host: str) -> None:
    assert private_address(host) is None


def test_a_redirect_from_public_to_private_is_refused() -> None:
    reason = refused_redirect("http://93.184.215.14/a", "http://169.254.169.254/latest/meta-data/")
    assert reason == (
        "redirect from 93.184.215.14 to a private address refused:"
        " http://169.254.169.254/latest/meta-data/ (169.254.169.254); --allow-private follows it"
    )


def test_redirects_that_stay_inside_or_go_out_are_followed() -> None:
    assert (
        refused_redirect("http://10.0.0.2/a", "http://127.0.0.1/b") is None
    )  # the user's intranet
    assert refused_redirect("http://93.184.215.14/a", "http://8.8.8.8/b") is None
    assert refused_redirect("http://127.0.0.1/a", "http://8.8.8.8/b") is None
