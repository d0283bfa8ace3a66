"""Benchmark the photo-credit reader on ../shared/photo-metadata: speed, and agreement with exiftool's MWG reading.

Run from the repository root:  python benchmarks/photo_metadata.py

exiftool's side: the MWG composite tags (Composite:Creator, Composite:Copyright, Composite:Description, loaded by
``-use MWG``) for byline, copyright and caption. MWG defines no composite for credit and source, so for those the
benchmark applies the same IPTC-digest rule to exiftool's IPTC:Credit / XMP:Credit (and Source) values: XMP unless
the stored IPTCDigest differs from CurrentIPTCDigest, IIM where XMP has none. Skips the comparison (with a message)
when exiftool is not installed, and everything when the shared folder is absent.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from articles.photos.metadata import read_photo_metadata

FOLDER = Path(__file__).resolve().parents[2] / "shared" / "photo-metadata"
FIELDS = ("byline", "credit", "copyright", "caption", "source")
RUNS = 7
EXIFTOOL_TAGS = (
    "-MWG:Creator",
    "-MWG:Copyright",
    "-MWG:Description",
    "-IPTC:Credit",
    "-XMP-photoshop:Credit",
    "-IPTC:Source",
    "-XMP-photoshop:Source",
    "-Photoshop:IPTCDigest",
    "-File:CurrentIPTCDigest",
)
# Differences we make on purpose, and why (file, field) -> reason.
KNOWN_DIFFERENCES = {
    ("exiv2__exiv2-bug922.png", "copyright"): (
        "IPTC 2:116 'E.T.' is in a PNG 'Raw profile type iptc' chunk; exiftool's MWG:Copyright only consults IPTC "
        "when it can compute CurrentIPTCDigest (JPEG/TIFF/PSD), so it returns nothing although it does report "
        "IPTC:CopyrightNotice 'E.T.'. We read IIM wherever it is stored."
    ),
}
WHITESPACE_REASON = "differs only in surrounding whitespace: exiftool keeps EXIF padding, we trim by design"


def _text(value: object) -> str | None:
    """exiftool JSON value -> comparable text (lists are MWG lists, joined the way we join them)."""
    if value is None:
        return None
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def _normalise(value: str | None) -> str | None:
    if value is None:
        return None
    return value.replace("\r\n", "\n").replace("\r", "\n").strip() or None


def _short(value: str | None) -> str:
    """repr() of a value, keeping both ends of long text (whitespace differences are at the end)."""
    text = repr(value)
    return text if len(text) <= 70 else f"{text[:30]}...{text[-36:]}"


def _exiftool_values(record: dict[str, object]) -> dict[str, str | None]:
    """The five fields the MWG way from one exiftool JSON record."""
    stored, current = record.get("Photoshop:IPTCDigest"), record.get("File:CurrentIPTCDigest")
    iptc_changed = stored is not None and current is not None and stored != current

    def iim_vs_xmp(tag: str) -> str | None:
        iim, xmp = _text(record.get(f"IPTC:{tag}")), _text(record.get(f"XMP:{tag}"))
        if iim is None or xmp is None:
            return xmp if iim is None else iim
        return iim if iptc_changed else xmp

    return {
        "byline": _text(record.get("Composite:Creator")),
        "credit": iim_vs_xmp("Credit"),
        "copyright": _text(record.get("Composite:Copyright")),
        "caption": _text(record.get("Composite:Description")),
        "source": iim_vs_xmp("Source"),
    }


def _time_reads(files: list[Path]) -> list[float]:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        for path in files:
            read_photo_metadata(path)
        timings.append(time.perf_counter() - started)
    return timings


def main() -> int:
    """Print the figures; exit status 0 (a missing exiftool or folder is a skip, not a failure)."""
    if not FOLDER.is_dir():
        print(f"SKIP: {FOLDER} not found")
        return 0
    files = sorted(p for p in FOLDER.iterdir() if p.suffix.lower() != ".md")
    ours = {path.name: read_photo_metadata(path) for path in files}

    timings = _time_reads(files)
    best = min(timings)
    per_file = best * 1000 / len(files)
    print(f"Read time, {len(files)} files: best of {RUNS} runs {best * 1000:.1f} ms ({per_file:.2f} ms/file)")

    exiftool = shutil.which("exiftool")
    if exiftool is None:
        print("SKIP comparison: exiftool is not installed (apt-get install libimage-exiftool-perl)")
        return 0
    version = subprocess.run([exiftool, "-ver"], capture_output=True, text=True, check=False).stdout.strip()
    command = [exiftool, "-j", "-G", "-use", "MWG", *EXIFTOOL_TAGS, *map(str, files)]
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    exiftool_seconds = time.perf_counter() - started
    records = {Path(r["SourceFile"]).name: r for r in json.loads(completed.stdout or "[]")}
    print(f"exiftool {version} (one process, all files): {exiftool_seconds * 1000:.0f} ms")
    print("Compared with: exiftool -j -G -use MWG " + " ".join(EXIFTOOL_TAGS) + " FILES")

    exact = trimmed = total = 0
    differences: list[str] = []
    for name, result in ours.items():
        theirs = _exiftool_values(records.get(name, {}))
        for field in FIELDS:
            total += 1
            mine, other = getattr(result, field), theirs[field]
            if mine == other:
                exact += 1
                trimmed += 1
                continue
            if _normalise(mine) == _normalise(other):
                trimmed += 1
                reason = WHITESPACE_REASON
            else:
                reason = KNOWN_DIFFERENCES.get((name, field), "UNEXPLAINED")
            differences.append(f"  {name} {field}: ours {_short(mine)} vs exiftool {_short(other)}\n    why: {reason}")
    print(f"Agreement: {exact}/{total} fields identical; {trimmed}/{total} after trimming surrounding whitespace")
    if differences:
        print("Differences:")
        print("\n".join(differences))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
