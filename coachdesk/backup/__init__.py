"""Encrypted single-file backups of a vault: create, verify, restore, rotation.

The format is specified in docs/backup-format.md. The public API is re-exported here so
the CLI and the GUI need not know the module layout.
"""

from coachdesk.backup.archive import (
    BackupCancelled,
    BackupInfo,
    CancelCallback,
    ProgressCallback,
    create_backup,
    remove_stale_snapshots,
    restore_backup,
    verify_backup,
)
from coachdesk.backup.container import DEFAULT_CHUNK_SIZE
from coachdesk.backup.rotation import (
    BACKUP_SUFFIX,
    BackupFile,
    RotationPlan,
    RotationPolicy,
    ScheduledBackup,
    backup_due,
    backup_name,
    last_backup_time,
    list_backups,
    parse_backup_name,
    plan_rotation,
    write_scheduled_backup,
)

__all__ = [
    "BACKUP_SUFFIX",
    "DEFAULT_CHUNK_SIZE",
    "BackupCancelled",
    "BackupFile",
    "BackupInfo",
    "CancelCallback",
    "ProgressCallback",
    "RotationPlan",
    "RotationPolicy",
    "ScheduledBackup",
    "backup_due",
    "backup_name",
    "create_backup",
    "last_backup_time",
    "list_backups",
    "parse_backup_name",
    "plan_rotation",
    "remove_stale_snapshots",
    "restore_backup",
    "verify_backup",
    "write_scheduled_backup",
]
