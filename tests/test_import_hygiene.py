"""The core never imports Textual: the UI stays a layer on top."""

from __future__ import annotations

import subprocess
import sys


def test_core_packages_never_import_textual():
    code = (
        "import sys\n"
        "import coach.domain.model, coach.domain.continuity, coach.domain.caseload\n"
        "import coach.store, coach.store.cases, coach.store.caseload, coach.store.transfer\n"
        "import coach.content.prompts, coach.reports.case_view, coach.cli\n"
        "import coach.domain.desk, coach.domain.this_week, coach.store.caseload_search, coach.cli.caseload\n"
        "import coach.domain.dutch_dates, coach.domain.rhythm, coach.domain.agreements, coach.domain.contact_input\n"
        "import coach.store.contacts, coach.store.agreements\n"
        "assert 'textual' not in sys.modules, 'textual imported by the core'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
