"""The Contract tab, in parts: the tab (``tab.py``), the terms cards (``terms.py``), the
outcome, milestone and risk cards (``parts.py``) and the version history (``versions.py``).
"""

from coachdesk.ui.workspace.contract.parts import NumberEdit, PartsCard
from coachdesk.ui.workspace.contract.tab import ContractTab, header_text
from coachdesk.ui.workspace.contract.versions import ContractVersionDialog, version_html

__all__ = [
    "ContractTab",
    "ContractVersionDialog",
    "NumberEdit",
    "PartsCard",
    "header_text",
    "version_html",
]
