"""The lock file pins every package the requirement files name, at the same version (make lock keeps them in step)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    return {package.lower().replace("_", "-"): version for package, version in PIN.findall(text)}


def test_every_direct_requirement_is_locked_at_its_pinned_version():
    """requirements.txt and requirements-dev.txt pins appear in requirements.lock with the same versions."""
    locked = pins("requirements.lock")
    direct = {**pins("requirements.txt"), **pins("requirements-dev.txt")}
    assert direct, "no pins read from the requirement files"
    assert {name: locked.get(name) for name in direct} == direct


def test_every_locked_package_carries_hashes():
    """Each package in the lock has at least one sha256 hash, so make installs with --require-hashes."""
    blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / "requirements.lock").read_text(encoding="utf-8"))
    packages = [block for block in blocks if PIN.match(block)]
    assert len(packages) >= 30
    assert all("--hash=sha256:" in block for block in packages)
