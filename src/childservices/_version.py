"""The library's version, read from the installed package's metadata: written once, in
``pyproject.toml``."""

from __future__ import annotations

__all__ = ["installed_version"]


def installed_version() -> str:
    """The version of the installed ``childservices`` distribution (``pyproject.toml``).

    From a source tree that was never installed there is no metadata to read:
    the answer is then ``"0+unknown"``, a version that sorts before every release.
    """
    from importlib import metadata

    try:
        return metadata.version("childservices")
    except metadata.PackageNotFoundError:
        return "0+unknown"
