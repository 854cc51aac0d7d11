"""The main window's parts, mixed into :class:`~coachdesk.ui.main_window.MainWindow`:
its menus, toolbar and status bar (``menus.py``), the File, Reports and Help menus'
commands (``commands.py``) and the client list's handlers (``clients.py``). The window
itself (pages, opening and locking, navigation) stays in ``ui/main_window.py``.
"""
