"""`import childservices` stays light: no optional extra, no data."""

import subprocess
import sys


def test_import_loads_no_optional_extra_and_no_data() -> None:
    code = (
        "import sys, childservices\n"
        "heavy = {'pypdf', 'pandas', 'matplotlib', 'hypothesis', 'odf'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
        "from childservices import loading\n"
        "assert not loading._cache, 'the bundle was loaded at import'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
