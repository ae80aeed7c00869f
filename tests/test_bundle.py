"""The bundled dataset: built from seeds/, up to date, and loadable from the installed package."""

import threading
from pathlib import Path

import pytest

import childservices as cs

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not (ROOT / "seeds").is_dir(), reason="needs the repository's seeds/ folder")
def test_bundle_is_built_from_the_current_seeds() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from build_bundle import BUNDLE, VERSION, compile_all
    finally:
        sys.path.pop(0)
    bundle, apart, version = compile_all()
    assert BUNDLE.read_text(encoding="utf-8") == bundle, (
        "src/childservices/data/bundle.jsonl is stale: run python tools/build_bundle.py"
    )
    assert BUNDLE.with_name("observations.jsonl").read_text(encoding="utf-8") == apart, (
        "src/childservices/data/observations.jsonl is stale: run python tools/build_bundle.py"
    )
    assert VERSION.read_text(encoding="utf-8") == version, (
        "src/childservices/data/version.py is stale: run python tools/build_bundle.py"
    )


def test_load_is_cached_and_thread_safe() -> None:
    results: list[cs.Dataset] = []
    threads = [threading.Thread(target=lambda: results.append(cs.load())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(ds) for ds in results}) == 1
    assert cs.load() is results[0]
