"""Qt item models over the vault's repositories (QAbstractItemModel subclasses)."""
