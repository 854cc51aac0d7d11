"""The contract's terms: the agreement, confidentiality and responsibilities cards.

A mixin of :class:`~coachdesk.ui.workspace.contract.tab.ContractTab`: the cards bind to
the tab's own contract binder, and the tab (and its tests) reach the fields by the names
given here, so they are built on the tab rather than as widgets of their own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.core.model import (
    ContractStatus,
    SessionFormat,
)
from coachdesk.ui.binding import RecordBinder
from coachdesk.ui.layout import buddy_label, line_edit
from coachdesk.ui.sharing import (
    audience_combo,
    bind_clause_audience,
)
from coachdesk.ui.widgets import (
    NoteEdit,
    OptionalDateEdit,
    make_card,
)

# --- Small helpers ---------------------------------------------------------------------


def short_note(placeholder: str, object_name: str, lines: int = 3) -> NoteEdit:
    note = NoteEdit(placeholder)
    note.setObjectName(object_name)
    height = note.fontMetrics().lineSpacing() * lines + 14
    note.setMinimumHeight(height)
    note.setMaximumHeight(height + note.fontMetrics().lineSpacing())
    return note


def choice_combo(object_name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(object_name)
    return combo


def field_caption(caption: str, buddy: QWidget) -> QLabel:
    label = buddy_label(caption, buddy)
    label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
    return label


# --- The cards -------------------------------------------------------------------------


class ContractTerms:
    """Builds the terms cards on the tab (see the module docstring)."""

    binder: RecordBinder
    clause_audiences: dict[str, QComboBox]

    def _build_terms_card(self) -> QFrame:
        card, layout = make_card("Agreement")
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 3)
        grid.setColumnMinimumWidth(2, 24)

        self.title_edit = line_edit("contractTitleEdit", "e.g. Leadership coaching 2026")
        self.status_combo = choice_combo("contractStatus")
        self.signed_edit = OptionalDateEdit()
        self.signed_edit.setObjectName("contractSignedDate")
        self.signed_edit.setAccessibleName("Signed on")
        self.start_edit = OptionalDateEdit()
        self.start_edit.setObjectName("contractStart")
        self.end_edit = OptionalDateEdit()
        self.end_edit.setObjectName("contractEnd")
        self.sessions_spin = QSpinBox()
        self.sessions_spin.setObjectName("contractSessionCount")
        self.sessions_spin.setRange(1, 500)
        self.sessions_spin.setSuffix(" sessions")
        self.length_spin = QSpinBox()
        self.length_spin.setObjectName("contractSessionLength")
        self.length_spin.setAccessibleName("Session length")
        self.length_spin.setRange(1, 600)
        self.length_spin.setSingleStep(15)
        self.length_spin.setSuffix(" min")
        self.cadence_edit = line_edit("contractCadence", "e.g. every two weeks")
        self.format_combo = choice_combo("contractFormat")
        self.fees_edit = line_edit("contractFees", "e.g. EUR 450 per session, invoiced monthly")
        self.cancellation_edit = short_note(
            "e.g. Sessions cancelled less than 48 hours ahead are charged",
            "contractCancellation",
            2,
        )

        def pair(*widgets: QWidget) -> QHBoxLayout:
            box = QHBoxLayout()
            box.setSpacing(8)
            for widget in widgets:
                box.addWidget(widget, 0 if isinstance(widget, QLabel) else 1)
            return box

        grid.addWidget(buddy_label("&Title", self.title_edit), 0, 0)
        grid.addWidget(self.title_edit, 0, 1)
        grid.addWidget(buddy_label("Stat&us", self.status_combo), 0, 3)
        grid.addLayout(pair(self.status_combo, self.signed_edit), 0, 4)
        grid.addWidget(buddy_label("&Start", self.start_edit), 1, 0)
        grid.addLayout(
            pair(self.start_edit, buddy_label("&End", self.end_edit), self.end_edit), 1, 1
        )
        grid.addWidget(buddy_label("Sessio&ns", self.sessions_spin), 1, 3)
        grid.addLayout(pair(self.sessions_spin, self.length_spin), 1, 4)
        grid.addWidget(buddy_label("Ca&dence", self.cadence_edit), 2, 0)
        grid.addWidget(self.cadence_edit, 2, 1)
        grid.addWidget(buddy_label("F&ormat", self.format_combo), 2, 3)
        grid.addWidget(self.format_combo, 2, 4)
        grid.addWidget(buddy_label("&Fees", self.fees_edit), 3, 0)
        fees = QHBoxLayout()
        fees.setSpacing(8)
        fees.addWidget(self.fees_edit, 1)
        fees.addSpacing(8)
        fees.addWidget(QLabel("Who sees"))
        fees.addWidget(self._clause_combo("fees"))
        grid.addLayout(fees, 3, 1, 1, 4)
        cancel_label = buddy_label("Cance&llation", self.cancellation_edit)
        cancel_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(cancel_label, 4, 0)
        cancellation = QHBoxLayout()
        cancellation.setSpacing(8)
        cancellation.addWidget(self.cancellation_edit, 1)
        cancellation.addSpacing(8)
        top = Qt.AlignmentFlag.AlignTop
        cancellation.addWidget(QLabel("Who sees"), 0, top)
        cancellation.addWidget(self._clause_combo("cancellation_terms"), 0, top)
        grid.addLayout(cancellation, 4, 1, 1, 4)
        # The terms in words above; what the counts follow, here.
        self.late_counts_check = QCheckBox("Late cancellations use up a session")
        self.late_counts_check.setObjectName("contractLateCancellationCounts")
        self.no_show_counts_check = QCheckBox("No-shows use up a session")
        self.no_show_counts_check.setObjectName("contractNoShowCounts")
        for check in (self.late_counts_check, self.no_show_counts_check):
            check.setToolTip(
                "Whether such a session counts against the contract's sessions "
                "(held, remaining, n of N in the app and in the reports)"
            )
        counted = QHBoxLayout()
        counted.setSpacing(16)
        counted.addWidget(self.late_counts_check)
        counted.addWidget(self.no_show_counts_check)
        counted.addStretch(1)
        grid.addLayout(counted, 5, 1, 1, 4)
        grid.setColumnStretch(4, 2)
        layout.addLayout(grid)

        b = self.binder
        b.text(self.title_edit, "title")
        b.choice(self.status_combo, "status", ContractStatus)
        b.date(self.signed_edit, "signed_date")
        b.date(self.start_edit, "start_date")
        b.date(self.end_edit, "end_date")
        b.integer(self.sessions_spin, "session_count", optional=True)
        b.integer(self.length_spin, "session_length_minutes", optional=True)
        b.text(self.cadence_edit, "cadence")
        b.choice(self.format_combo, "format", SessionFormat)
        b.text(self.fees_edit, "fees")
        b.text(self.cancellation_edit, "cancellation_terms")
        b.flag(self.late_counts_check, "late_cancellation_counts")
        b.flag(self.no_show_counts_check, "no_show_counts")
        self.signed_edit.setToolTip("The day the contract was signed")
        return card

    def _build_confidentiality_card(self) -> QFrame:
        card, layout = make_card("Confidentiality and the sponsor")
        row = QHBoxLayout()
        row.setSpacing(12)
        self.confidentiality_edit = short_note(
            "What stays between coach and client", "contractConfidentiality"
        )
        self.limits_edit = short_note(
            "When confidentiality does not hold (e.g. risk of harm)", "contractLimits"
        )
        self.sponsor_edit = short_note(
            "What the sponsor hears, as agreed by everyone", "contractSponsorReporting"
        )
        for caption, edit, clause in (
            ("Confidentiality", self.confidentiality_edit, "confidentiality"),
            ("Its limits", self.limits_edit, "confidentiality_limits"),
            ("Reported to the sponsor", self.sponsor_edit, "sponsor_reporting"),
        ):
            box = QVBoxLayout()
            box.setSpacing(4)
            box.addLayout(self._clause_head(field_caption(caption, edit), clause))
            box.addWidget(edit)
            row.addLayout(box, 1)
        layout.addLayout(row)
        self.binder.text(self.confidentiality_edit, "confidentiality")
        self.binder.text(self.limits_edit, "confidentiality_limits")
        self.binder.text(self.sponsor_edit, "sponsor_reporting")
        return card

    def _build_responsibilities_card(self) -> QFrame:
        card, layout = make_card("Responsibilities")
        row = QHBoxLayout()
        row.setSpacing(12)
        self.coach_edit = short_note(
            "Structure, questions, challenge, confidentiality…", "coachResponsibilities"
        )
        self.client_edit = short_note(
            "Decisions, actions between sessions, results…", "clientResponsibilities"
        )
        for caption, hint, edit in (
            ("Coach", "answers for the process", self.coach_edit),
            ("Client", "answers for the decisions", self.client_edit),
        ):
            box = QVBoxLayout()
            box.setSpacing(4)
            note = QLabel(hint)
            note.setObjectName("fieldHint")
            clause = f"{caption.lower()}_responsibilities"
            box.addLayout(self._clause_head(field_caption(caption, edit), clause, note))
            box.addWidget(edit)
            row.addLayout(box, 1)
        layout.addLayout(row)
        self.binder.text(self.coach_edit, "coach_responsibilities")
        self.binder.text(self.client_edit, "client_responsibilities")
        return card

    def _clause_head(self, caption: QLabel, clause: str, *extra: QWidget) -> QHBoxLayout:
        """A clause's caption with its audience chooser (who sees it in which copy)."""
        head = QHBoxLayout()
        head.addWidget(caption)
        for widget in extra:
            head.addWidget(widget)
        head.addStretch(1)
        head.addWidget(QLabel("Who sees"))
        head.addWidget(self._clause_combo(clause))
        return head

    def _clause_combo(self, clause: str) -> QComboBox:
        combo = audience_combo(f"clauseAudience_{clause}")
        self.clause_audiences[clause] = combo
        bind_clause_audience(self.binder, combo, clause)
        return combo
