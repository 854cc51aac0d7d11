"""Views every attachment of a vault in the app's viewer (offscreen), saves one copy
where asked, then erases the client and page-scans the vault. Run by
test_attachment_leaks.py under a private HOME and TMPDIR; the parent scans every file.

    python attachment_view_child.py PASSPHRASE VAULT_DIR COPY_FILE MARKER

Prints one ``RESULT {json}`` line (no client text).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PASSPHRASE, VAULT, COPY, MARKER = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from coachdesk.ui.attachment_viewer import AttachmentViewer
    from coachdesk.ui.controller import VaultController
    from coachdesk.ui.workspace.attachments import AttachmentsTab
    from coachdesk.vault.vault import DB_NAME
    from pages import decrypted_file, decrypted_wal

    app = QApplication([])
    controller = VaultController(VAULT)
    controller.unlock(PASSPHRASE)
    store = controller.store
    (client_id,) = [c for c in store.clients.ids() if store.attachments.for_client(c)]
    tab = AttachmentsTab(controller)
    tab.show()
    tab.show_client(client_id)
    kinds = []
    for attachment in store.attachments.for_client(client_id):
        viewer = AttachmentViewer(controller, attachment)
        viewer.show()
        for _ in range(30):
            app.processEvents()
        viewer.grab()  # rendered, as on screen
        kinds.append(viewer.kind)
        viewer.reject()
        viewer.deleteLater()
        app.processEvents()
    first = store.attachments.for_client(client_id)[0]
    store.attachments.save_copy(first.id or 0, COPY)
    key = controller.vault.data_key()
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    needle = MARKER.encode()
    before = needle in decrypted_file(VAULT / DB_NAME, key)
    tab.clear()
    store.delete_client(client_id)
    wal_after = needle in decrypted_wal(VAULT / "vault.db-wal", key)
    controller.lock()
    after = needle in decrypted_file(VAULT / DB_NAME, key) + decrypted_wal(
        VAULT / "vault.db-wal", key
    )
    result = {"kinds": kinds, "seen_before": before, "after": after, "wal_after": wal_after}
    sys.stdout.write(f"RESULT {json.dumps(result)}\n")


if __name__ == "__main__":
    main()
